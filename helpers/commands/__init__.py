"""One module per ``coursework`` subcommand (see ``helpers.cli``)."""
