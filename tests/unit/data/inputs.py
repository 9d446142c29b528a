"""Cell texts and a header line that the data tests build their files from."""

LOG_HEADER = "date,channel,duration_minutes,pages,km\n"


CELLS = [
    "month", "Month", "printed_bills", "kWh used", "csat %", "date", "comment", "score",
    "Jan-25", "2025-02", "31/02/2025", "12/25/2024", "01/02/2025", "45658", "Total",
    "1,234", "12 kWh", "£3.50", "45%", "-3", "lots", "", " ", "n/a", '"a,b"', "é", "\u00a0",
]  # fmt: skip
