"""Evidence files (posters, emails, minutes, photos) attached to the coursework.

Each file is checked (not empty, at most 20 MB, an allowed type, not a program in disguise),
copied into ``coursework/attachments/`` under a generated name (the first 12 hex digits of its
SHA-256 plus its extension, so no learner-supplied name can reach outside that folder), and
recorded in the answer store under ``attachments.<sha12>``: original name, size, type, date
added, SHA-256, caption and purposes. Pictures get a thumbnail in ``attachments/thumbs/``.
The same file added twice is stored once. Removing marks the record removed (the file and the
store's history keep it): nothing is ever deleted silently.

Edges: :func:`add_attachment` (a path or bytes), :func:`remove_attachment`,
:func:`set_caption`, :func:`list_attachments` (for the export) and the widget
:func:`attachment_box`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import CourseworkError
from .paths import OutsideArea, attachments_dir, inside
from .store import AnswerStore, plain_reason, shared_store
from .views import escape

__all__ = [
    "ALLOWED_TYPES",
    "MAX_BYTES",
    "Attachment",
    "AttachmentError",
    "AddResult",
    "add_attachment",
    "attachment_box",
    "attachment_problems",
    "list_attachments",
    "read_attachments",
    "remove_attachment",
    "set_caption",
    "safe_display_name",
]

MAX_BYTES = 20 * 1024 * 1024
THUMBNAIL_PIXELS = (240, 240)
KEY_PREFIX = "attachments."

# Allowed extension -> (kind shown to the learner, MIME type recorded).
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    "png": ("picture", "image/png"),
    "jpg": ("picture", "image/jpeg"),
    "jpeg": ("picture", "image/jpeg"),
    "gif": ("picture", "image/gif"),
    "webp": ("picture", "image/webp"),
    "pdf": ("PDF document", "application/pdf"),
    "eml": ("saved email", "message/rfc822"),
    "msg": ("saved Outlook email", "application/vnd.ms-outlook"),
    "docx": (
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "doc": ("Word document", "application/msword"),
    "odt": ("OpenDocument text", "application/vnd.oasis.opendocument.text"),
    "txt": ("text file", "text/plain"),
    "md": ("text file", "text/markdown"),
    "pptx": (
        "PowerPoint slides",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "xlsx": (
        "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": ("CSV data", "text/csv"),
}
PICTURE_TYPES = {"png", "jpg", "jpeg", "gif", "webp"}
# Programs and scripts get their own message: they could run code on an assessor's computer.
PROGRAM_TYPES = {
    "exe", "bat", "cmd", "com", "js", "jse", "vbs", "vbe", "wsf", "sh", "bash", "ps1", "psm1",
    "msi", "msp", "dll", "scr", "pif", "jar", "app", "apk", "py", "pyc", "hta", "lnk", "reg",
    "cpl", "docm", "xlsm", "pptm", "iso", "dmg", "bin", "run", "elf", "so", "dylib",
}  # fmt: skip
# Programs start with these bytes whatever they are called.
_PROGRAM_MAGIC = (b"\x7fELF", b"#!/", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
_ALLOWED_LIST = "pictures (PNG, JPG, GIF, WEBP), PDF, emails (EML, MSG), documents (DOCX, DOC, ODT, TXT, MD), slides (PPTX) and data (XLSX, CSV)"


class AttachmentError(CourseworkError):
    """A file could not be attached; the message says why and what to do."""


@dataclass
class Attachment:
    """What the store records about one attached file."""

    id: str
    sha256: str
    original_name: str
    stored_name: str
    size: int
    type: str
    kind: str
    added: str
    caption: str = ""
    purposes: list[str] = field(default_factory=list)
    thumbnail: str | None = None
    removed: str | None = None

    @property
    def key(self) -> str:
        return KEY_PREFIX + self.id

    def path(self, area: Path) -> Path:
        """Where the copy lives in the working area ``area`` (:class:`OutsideArea` if nowhere
        inside it: the record came from a store, which a learner can edit)."""
        return inside(_folder(area), self.stored_name)

    def thumbnail_path(self, area: Path) -> Path | None:
        return inside(_folder(area), self.thumbnail) if self.thumbnail else None

    @classmethod
    def from_value(cls, value: Any) -> Attachment:
        """The record saved in the store; :class:`AttachmentError` if a field is missing or of
        the wrong type (a store is untrusted input: it may have been edited by hand)."""
        if not isinstance(value, dict) or not all(
            _FIELD_CHECKS[name](value[name]) if name in value else name not in _REQUIRED
            for name in _FIELD_CHECKS
        ):
            shown = value.get("original_name") if isinstance(value, dict) else None
            raise AttachmentError(
                "An attachment record is incomplete or damaged, so it was left out: "
                f"{shown if isinstance(shown, str) else 'a file without a name'}"
            )
        return cls(**{k: value[k] for k in cls.__dataclass_fields__ if k in value})


def _folder(area: Path) -> Path:
    """The attachments folder, itself refused when it is a link leading out of ``area``."""
    return inside(area, attachments_dir(Path()))


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


_FIELD_CHECKS = {
    "id": _text, "sha256": _text, "original_name": _text, "stored_name": _text,
    "size": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "type": _text, "kind": _text, "added": _text, "caption": _text,
    "purposes": lambda v: isinstance(v, list) and all(isinstance(p, str) for p in v),
    "thumbnail": _text_or_none, "removed": _text_or_none,
}  # fmt: skip
_REQUIRED = {"id", "sha256", "original_name", "stored_name", "size", "type", "kind", "added"}


@dataclass
class AddResult:
    """The outcome of adding a file: the record and a sentence for the learner."""

    attachment: Attachment
    message: str
    duplicate: bool = False
    notes: list[str] = field(default_factory=list)


# -- pure checks ---------------------------------------------------------------------------
def safe_display_name(name: str) -> str:
    """The file's own name without any folder parts, control characters or leading dots.

    Non-ASCII letters are kept (normalised to NFC) because this is only ever shown, never used
    as a path.
    """
    text = unicodedata.normalize("NFC", str(name))
    last = re.split(r"[\\/]", text)[-1]
    last = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C").strip()
    last = last.lstrip(".").strip()
    return last or "attachment"


def extension_of(name: str) -> str:
    """The lower-case extension of a display name ('' when there is none)."""
    suffix = PurePosixPath(safe_display_name(name)).suffix
    return suffix[1:].lower() if suffix else ""


def attachment_problems(name: str, size: int) -> list[str]:
    """Why a file called ``name`` of ``size`` bytes cannot be attached (empty list: it can)."""
    shown = safe_display_name(name)
    ext = extension_of(name)
    problems: list[str] = []
    if ext in PROGRAM_TYPES:
        problems.append(
            f"{shown} is a program or script (.{ext}), which could harm the computer that opens "
            "it, so it cannot be attached. Attach a screenshot or a PDF instead."
        )
    elif ext not in ALLOWED_TYPES:
        kind = f"a .{ext} file" if ext else "a file without an extension"
        problems.append(
            f"{shown} is {kind}, which cannot be attached. Allowed types are {_ALLOWED_LIST}. "
            "Save it as one of these (for example print it to PDF) and try again."
        )
    if size == 0:
        problems.append(
            f"{shown} is empty (0 bytes), so there is nothing to attach. Check you picked the "
            "right file and that it was saved."
        )
    elif size > MAX_BYTES:
        problems.append(
            f"{shown} is {size / 1024 / 1024:.1f} MB, which is over the 20 MB limit. Make it "
            "smaller (for example save photos at a lower size or a PDF at lower quality) and "
            "try again."
        )
    return problems


def _looks_like_program(head: bytes) -> bool:
    """Windows programs start "MZ" followed by binary bytes; a note starting "MZ" is fine."""
    windows = head.startswith(b"MZ") and b"\x00" in head
    return windows or head.startswith(_PROGRAM_MAGIC)


# -- copying and recording -----------------------------------------------------------------
def _store_or_shared(store: AnswerStore | None) -> AnswerStore:
    return store if store is not None else shared_store()


def _copy_in(source: Path | bytes, folder: Path) -> tuple[str, Path, bytes]:
    """Copy into a temporary file in ``folder``; return (sha256 hex, temp path, first bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    # Not mkstemp: its files are 0600 for good, so a tutor with read access to the learner's
    # folder (docs/deploy.md, one-server hub) could not read an attachment. 0o666 under the umask.
    temp_name = str(folder / f".incoming-{os.urandom(8).hex()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(temp_name, flags, 0o666)
    head = b""
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(source, bytes | bytearray | memoryview):
                data = bytes(source)
                digest.update(data)
                out.write(data)
                head = data[:64]
            else:
                with source.open("rb") as infile:
                    while chunk := infile.read(1024 * 1024):
                        if not head:
                            head = chunk[:64]
                        digest.update(chunk)
                        out.write(chunk)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return digest.hexdigest(), Path(temp_name), head


def _make_thumbnail(image_path: Path, target: Path) -> None:
    """Save a PNG thumbnail; raises ``ValueError`` when the file is not a readable picture."""
    from PIL import Image

    try:
        with Image.open(image_path) as picture:
            picture.load()
            picture.thumbnail(THUMBNAIL_PIXELS)
            small = picture if picture.mode in ("RGB", "RGBA") else picture.convert("RGBA")
            target.parent.mkdir(parents=True, exist_ok=True)
            small.save(target, format="PNG")
    except Exception as error:  # Pillow raises many types for bad pictures
        raise ValueError(str(error)) from error


def _size_of(source: Path | bytes) -> int:
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    try:
        return source.stat().st_size
    except OSError as error:
        raise AttachmentError(
            f"The file {source} could not be found or opened ({error.strerror}). Check the name "
            "and the folder, then try again."
        ) from error


def _describe_date(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone().strftime("%d %B %Y at %H:%M")


def add_attachment(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    caption: str = "",
    purpose: str = "",
    store: AnswerStore | None = None,
) -> AddResult:
    """Check, copy and record one file (a path, or ``bytes`` with ``name``).

    Raises :class:`AttachmentError` with a learner-facing message when the file is refused.
    """
    store = _store_or_shared(store)
    data: Path | bytes = source if isinstance(source, bytes) else Path(source)
    original = (
        name if name is not None else (Path(source).name if not isinstance(source, bytes) else "")
    )
    if not original:
        raise AttachmentError("Give the file a name so it can be attached.")
    shown = safe_display_name(original)
    if isinstance(data, Path) and data.is_dir():
        raise AttachmentError(f"{shown} is a folder. Pick a single file inside it instead.")
    problems = attachment_problems(original, _size_of(data))
    if problems:
        raise AttachmentError(" ".join(problems))
    folder = attachments_dir(store.area)
    try:
        sha, temp, head = _copy_in(data, folder)
    except OSError as error:
        raise AttachmentError(
            f"{shown} could not be copied into your attachments folder: "
            f"{plain_reason(error, folder)}"
        ) from error
    try:
        return _record(store, original, shown, sha, temp, head, caption, purpose)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _record(
    store: AnswerStore,
    original: str,
    shown: str,
    sha: str,
    temp: Path,
    head: bytes,
    caption: str,
    purpose: str,
) -> AddResult:
    if _looks_like_program(head):
        raise AttachmentError(
            f"{shown} looks like a program inside, even though its name ends in "
            f".{extension_of(original)}, so it cannot be attached."
        )
    existing = store.load(KEY_PREFIX + sha[:12])
    if existing is not None:
        return _add_duplicate(store, Attachment.from_value(existing), temp, caption, purpose)
    ext = extension_of(original)
    kind, mime = ALLOWED_TYPES[ext]
    attachment = Attachment(
        id=sha[:12],
        sha256=sha,
        original_name=shown,
        stored_name=f"{sha[:12]}.{ext}",
        size=temp.stat().st_size,
        type=mime,
        kind=kind,
        added=datetime.now(UTC).isoformat(timespec="seconds"),
        caption=caption.strip(),
        purposes=[purpose] if purpose else [],
    )
    notes = []
    if re.search(r"[\\/]", original):
        notes.append(f'The name "{original}" contained folder parts, so it is shown as {shown}.')
    elif shown != unicodedata.normalize("NFC", original):
        notes.append(f'The name "{original}" was tidied to {shown}.')
    if ext in PICTURE_TYPES:
        thumb = Path("thumbs") / f"{attachment.id}.png"
        try:
            _make_thumbnail(temp, attachments_dir(store.area) / thumb)
        except ValueError as error:
            raise AttachmentError(
                f"{shown} does not open as a picture ({error}). Save it again as PNG or JPG and "
                "try again."
            ) from None
        attachment.thumbnail = thumb.as_posix()
    os.replace(temp, attachment.path(store.area))
    store.save(attachment.key, asdict(attachment))
    message = f"Attached {shown} ({_size_text(attachment.size)}, {kind})."
    return AddResult(attachment, " ".join([message, *notes]), notes=notes)


def _add_duplicate(
    store: AnswerStore, attachment: Attachment, temp: Path, caption: str, purpose: str
) -> AddResult:
    """The same bytes again: keep one copy, bring back a removed one, add the new purpose."""
    when = _describe_date(attachment.added)
    if attachment.removed:
        message = (
            f"This file was attached on {when} as {attachment.original_name} and removed later; "
            "it is attached again (stored once)."
        )
        attachment.removed = None
    else:
        message = (
            f"This file is already attached (added on {when} as {attachment.original_name}), "
            "so it is stored once, not twice."
        )
    if not attachment.path(store.area).exists():  # the copy went missing: put it back
        os.replace(temp, attachment.path(store.area))
    if purpose and purpose not in attachment.purposes:
        attachment.purposes.append(purpose)
    if caption.strip() and not attachment.caption:
        attachment.caption = caption.strip()
    store.save(attachment.key, asdict(attachment))
    return AddResult(attachment, message, duplicate=True)


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _load(store: AnswerStore, attachment_id: str) -> Attachment:
    value = store.load(KEY_PREFIX + attachment_id)
    if value is None:
        raise AttachmentError(
            "That file is no longer attached: it may have been removed in another window. "
            "The list shows the files attached now."
        )
    return Attachment.from_value(value)


def remove_attachment(attachment_id: str, store: AnswerStore | None = None) -> Attachment:
    """Mark an attachment removed. The file and the store's history keep it (never deleted)."""
    store = _store_or_shared(store)
    attachment = _load(store, attachment_id)
    if not attachment.removed:
        attachment.removed = datetime.now(UTC).isoformat(timespec="seconds")
        store.save(attachment.key, asdict(attachment))
    return attachment


def set_caption(attachment_id: str, caption: str, store: AnswerStore | None = None) -> Attachment:
    """Change the caption that tells the assessor what a file shows."""
    store = _store_or_shared(store)
    attachment = _load(store, attachment_id)
    attachment.caption = caption
    store.save(attachment.key, asdict(attachment))
    return attachment


def read_attachments(
    store: AnswerStore, *, include_removed: bool = False
) -> tuple[list[Attachment], list[str]]:
    """Attached files, oldest first, and a sentence for each record that was left out.

    A record is left out when a field is missing or of the wrong type, or when its file or
    thumbnail lies outside the attachments folder (``..``, an absolute path, a link leading
    out): it is named, never followed.
    """
    found: list[Attachment] = []
    problems: list[str] = []
    for key, value in store.answers().items():
        if not key.startswith(KEY_PREFIX):
            continue
        try:
            attachment = Attachment.from_value(value)
            if attachment.removed and not include_removed:
                continue
            attachment.path(store.area)  # both raise OutsideArea for a path leading out
            attachment.thumbnail_path(store.area)
        except AttachmentError as error:
            problems.append(str(error))
            continue
        except OutsideArea:
            problems.append(
                "An attachment record points outside the learner's folder, so it was left out: "
                + attachment.original_name
            )
            continue
        found.append(attachment)
    return sorted(found, key=lambda a: (a.added, a.id)), problems


def list_attachments(
    store: AnswerStore | None = None, *, purpose: str | None = None, include_removed: bool = False
) -> list[Attachment]:
    """Attached files, oldest first (for the export and the widgets); unusable records are
    left out (see :func:`read_attachments`)."""
    found, _ = read_attachments(_store_or_shared(store), include_removed=include_removed)
    return [a for a in found if purpose is None or purpose in a.purposes]


def attachments_html(attachments: list[Attachment]) -> str:
    """An escaped list of attachments with captions (the static copy beside the widget)."""
    if not attachments:
        return '<p class="cw-unanswered"><em>No files attached yet.</em></p>'
    items = "".join(
        f"<li><strong>{escape(a.original_name)}</strong> ({escape(a.kind)}, "
        f"{_size_text(a.size)}, added {escape(a.added[:10])}): "
        f"{escape(a.caption) if a.caption else '<em>no caption yet</em>'}"
        f' <span style="color:#555">SHA-256 {escape(a.sha256)}</span></li>'
        for a in attachments
    )
    return f'<ul class="cw-attachments">{items}</ul>'


def attachment_box(purpose: str, label: str = "", *, store: AnswerStore | None = None) -> Any:
    """A widget to attach files for ``purpose``, list them with captions, and remove them.

    Files come from an upload button or from a path typed in (for files already in the
    JupyterHub home folder). Removing asks "Are you sure?" first.
    """
    from .attachment_box import AttachmentBox

    return AttachmentBox(purpose, label, _store_or_shared(store))
