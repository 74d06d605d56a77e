"""Make a .docx (or any zip package) with some parts changed, as a user's own or damaged file."""

from __future__ import annotations

import io
import zipfile


def edited(blob: bytes, replace: dict[str, tuple[bytes, bytes]], add: dict[str, bytes] | None = None) -> bytes:
    """The package with, per part name, `old` replaced by `new` in that part, and the parts in `add` added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in replace:
                old, new = replace[info.filename]
                assert old in data, f"{old!r} not in {info.filename}"
                data = data.replace(old, new)
            target.writestr(info.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()
