"""The attachments widget: attach files for one purpose, caption them, remove them.

A thin view over :mod:`helpers.attachments` (which checks, copies and records each file).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .attachments import (
    ALLOWED_TYPES,
    Attachment,
    _describe_date,
    _size_text,
    add_attachment,
    attachments_html,
    list_attachments,
    remove_attachment,
    set_caption,
)
from .errors import CourseworkError
from .paths import OutsideArea
from .store import AnswerStore
from .views import ShowsStaticHtml, escape

# The upload button sends the chosen files through the notebook's connection in one message.
# A Jupyter server takes at most 10 MB per message unless told otherwise: `make lab` (and the
# hub image in docs/deploy.md) install helpers/jupyter_server_config.json, which allows 100 MB.
# Elsewhere (Binder, say) a bigger file is dropped without a word, so the help names the way
# round it: JupyterLab's own file browser upload has no such cap.
_UPLOAD_HELP = (
    "Files up to 20 MB. If a file does not appear after choosing it, upload it with the "
    "Upload button of the file browser on the left, then type its name in the box above "
    "and press Attach by name."
)


class AttachmentBox(ShowsStaticHtml):
    """The widget behind :func:`attachment_box` (ipywidgets are imported only when used)."""

    def __init__(self, purpose: str, label: str, store: AnswerStore) -> None:
        import ipywidgets as w

        self.purpose = purpose
        self.store = store
        self._w = w
        accept = ",".join(f".{ext}" for ext in ALLOWED_TYPES)
        self.upload = w.FileUpload(accept=accept, multiple=True, description="Choose files")
        self.caption = w.Text(
            placeholder="Caption: what does this file show? (for example: poster in the staff room, March 2025)",
            layout=w.Layout(width="100%"),
        )
        self.path = w.Text(placeholder="or type the name of a file you uploaded")
        self.add_path = w.Button(description="Attach by name", icon="paperclip")
        self.message = w.HTML()
        self.listing = w.VBox()
        self.upload.observe(self._uploaded, names="value")
        self.add_path.on_click(self._from_path)
        heading = w.HTML(f"<strong>{escape(label or 'Attach your evidence')}</strong>")
        self.widget = w.VBox(
            [
                heading,
                self.caption,
                w.HBox([self.upload, self.path, self.add_path]),
                w.HTML(f'<span style="color:#444">{escape(_UPLOAD_HELP)}</span>'),
                self.message,
                self.listing,
            ],
            layout=w.Layout(width="100%"),
        )
        self.refresh()

    # -- actions -------------------------------------------------------------------------
    def _say(self, text: str, problem: bool = False) -> None:
        colour = "#b00020" if problem else "#2f6f3e"
        role = ' role="alert"' if problem else ""
        self.message.value = f'<div{role} style="color:{colour}">{escape(text)}</div>'

    def add(self, source: str | os.PathLike[str] | bytes, name: str | None = None) -> str:
        """Attach one file and return the sentence shown to the learner."""
        try:
            result = add_attachment(
                source,
                name=name,
                caption=self.caption.value,
                purpose=self.purpose,
                store=self.store,
            )
        except CourseworkError as error:
            self._say(str(error), problem=True)
            return str(error)
        self._say(result.message)
        self.caption.value = ""
        self.refresh()
        return result.message

    def _uploaded(self, change: dict[str, Any]) -> None:
        messages = [self.add(bytes(item["content"]), item["name"]) for item in change["new"] or ()]
        if len(messages) > 1:
            self._say(" ".join(messages), problem=any("cannot" in m for m in messages))
        if change["new"]:
            self.upload.value = ()

    def _from_path(self, _: Any) -> None:
        typed = self.path.value.strip().strip('"')
        if not typed:
            self._say("Type the name of the file first.", problem=True)
            return
        self.add(Path(typed).expanduser())
        self.path.value = ""

    # -- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the list of files attached for this purpose."""
        rows = [self._row(a) for a in list_attachments(self.store, purpose=self.purpose)]
        if not rows:
            rows = [self._w.HTML("<em>No files attached here yet.</em>")]
        self.listing.children = tuple(rows)

    def _row(self, attachment: Attachment) -> Any:
        w = self._w
        title = w.HTML(
            f"<strong>{escape(attachment.original_name)}</strong> "
            f"({escape(attachment.kind)}, {_size_text(attachment.size)}, added "
            f"{escape(_describe_date(attachment.added))})"
        )
        caption = w.Text(
            value=attachment.caption,
            placeholder="Caption: what does this show?",
            layout=w.Layout(width="100%"),
        )

        def recaption(change: dict[str, Any]) -> None:
            try:
                set_caption(attachment.id, change["new"], self.store)
            except CourseworkError as error:  # removed meanwhile in another window
                self._say(str(error), problem=True)
                self.refresh()

        caption.observe(recaption, names="value")
        remove = w.Button(description="Remove", icon="trash", tooltip="Remove this attachment")
        sure = w.Button(description="Yes, remove it", button_style="danger")
        cancel = w.Button(description="Cancel")
        confirm = w.HBox(
            [w.HTML("Remove this file from your evidence? It stays in your history."), sure, cancel]
        )
        confirm.layout.display = "none"

        def ask(_: Any) -> None:
            confirm.layout.display = "flex"

        def keep(_: Any) -> None:
            confirm.layout.display = "none"

        def remove_now(_: Any) -> None:
            try:
                remove_attachment(attachment.id, self.store)
            except CourseworkError as error:  # removed meanwhile in another window
                self._say(str(error), problem=True)
            else:
                self._say(f"Removed {attachment.original_name}. It is kept in your answer history.")
            self.refresh()

        remove.on_click(ask)
        cancel.on_click(keep)
        sure.on_click(remove_now)
        parts = [title, caption, w.HBox([remove, confirm])]
        try:
            thumb = attachment.thumbnail_path(self.store.area)
        except OutsideArea:  # list_attachments leaves such records out; never read one
            thumb = None
        if thumb and thumb.is_file():
            parts.insert(0, w.Image(value=thumb.read_bytes(), format="png", width=120))
        return w.HBox(
            [w.VBox(parts, layout=w.Layout(width="100%"))],
            layout=w.Layout(border="1px solid #ccc", padding="4px", margin="4px 0"),
        )

    def static_html(self) -> str:
        return attachments_html(list_attachments(self.store, purpose=self.purpose))

    def static_text(self) -> str:
        found = list_attachments(self.store, purpose=self.purpose)
        return f"{len(found)} file(s) attached for {self.purpose}"
