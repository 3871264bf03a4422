"""Uploads: each in its own folder; zips unpacked with limits, no traversal, no symlinks."""

from __future__ import annotations

import re
import secrets
import shutil
import stat
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import atomic

MAX_UPLOAD = 20 * 1024 * 1024  # bytes in one request
MAX_ZIP_FILES = 200
MAX_UNPACKED = 100 * 1024 * 1024  # bytes, all files of a zip together
KEEP = 20  # uploads kept for download; older ones are deleted
KINDS = {".yaml": "yaml", ".yml": "yaml", ".zip": "zip", ".txt": "text"}
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Refused(Exception):
    """An upload we will not take; ``status`` is the HTTP status, the message Vietnamese."""

    def __init__(self, message: str, status: int = 400, diagnostics=()):
        super().__init__(message)
        self.status = status
        self.diagnostics = tuple(diagnostics)


@dataclass
class Upload:
    token: str
    folder: Path  # holds src/ (what was sent, unpacked) and out/ (the outputs)
    kind: str
    result: dict | None = None  # set once built: stem, title, files, thumbs, warnings…

    @property
    def src(self) -> Path:
        return self.folder / "src"

    @property
    def out(self) -> Path:
        return self.folder / "out"


def safe_stem(filename: str) -> str:
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60]
    return stem or "tai-len"


class Uploads:
    """The uploads root (a temporary folder of the server's) and the recent uploads."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.recent: dict[str, Upload] = {}
        self.lock = threading.Lock()

    def create(self, filename: str) -> Upload:
        suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
        if suffix not in KINDS:
            raise Refused(f"Không nhận tệp “{filename}”: chỉ nhận tệp nguồn .yaml, tệp .zip "
                          "(nguồn YAML kèm ảnh) hoặc văn bản thô .txt.", 415)
        token = secrets.token_urlsafe(18)
        folder = self.root / token
        (folder / "src").mkdir(parents=True)
        (folder / "out").mkdir()
        upload = Upload(token, folder, KINDS[suffix])
        with self.lock:
            self.recent[token] = upload
            while len(self.recent) > KEEP:
                old = self.recent.pop(next(iter(self.recent)))
                shutil.rmtree(old.folder, ignore_errors=True)
        return upload

    def get(self, token: str) -> Upload | None:
        if not TOKEN.match(token):
            return None
        with self.lock:
            return self.recent.get(token)

    def discard(self, upload: Upload) -> None:
        with self.lock:
            self.recent.pop(upload.token, None)
        shutil.rmtree(upload.folder, ignore_errors=True)

    def close(self) -> None:
        with self.lock:
            for upload in self.recent.values():
                shutil.rmtree(upload.folder, ignore_errors=True)
            self.recent.clear()


def save_yaml(upload: Upload, filename: str, data: bytes) -> Path:
    target = upload.src / f"{safe_stem(filename)}.yaml"
    atomic.write_bytes(target, data)
    return target


def unpack_zip(upload: Upload, stream) -> Path:
    """Unpack into ``upload.src`` and return its one YAML source; refuse the whole zip if
    it is not a zip, has too many or too large files, escapes its folder or holds links."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("Tệp tải lên không phải là tệp .zip hợp lệ.") from None
    with archive:
        members = [m for m in archive.infolist() if not _ignored(m.filename)]
        files = [m for m in members if not m.is_dir()]
        if len(files) > MAX_ZIP_FILES:
            raise Refused(f"Tệp .zip có {len(files)} tệp, nhiều hơn giới hạn "
                          f"{MAX_ZIP_FILES} tệp.", 413)
        if sum(m.file_size for m in files) > MAX_UNPACKED:
            raise Refused(f"Tệp .zip khi giải nén lớn hơn giới hạn "
                          f"{MAX_UNPACKED // (1024 * 1024)} MB.", 413)
        root = upload.src.resolve()
        for member in members:
            _check_member(member, root)
        total = 0
        for member in files:
            target = root / member.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as src, open(target, "xb") as dst:
                    while chunk := src.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise Refused("Tệp .zip khi giải nén lớn hơn giới hạn "
                                          f"{MAX_UNPACKED // (1024 * 1024)} MB.", 413)
                        dst.write(chunk)
            except FileExistsError:
                raise Refused(f"Tệp .zip có hai mục cùng tên “{member.filename}”.") from None
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
                    NotImplementedError):
                raise Refused(f"Không giải nén được “{member.filename}”: tệp .zip bị hỏng "
                              "hoặc dùng cách nén không được hỗ trợ.") from None
    sources = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".yaml", ".yml"))
    if len(sources) != 1:
        found = "không có tệp .yaml nào" if not sources else f"có {len(sources)} tệp .yaml"
        raise Refused(f"Tệp .zip phải chứa đúng một tệp nguồn .yaml ({found}).", 422)
    return sources[0]


def _ignored(name: str) -> bool:
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] == ".DS_Store"


def _check_member(member: zipfile.ZipInfo, root: Path) -> None:
    name = member.filename
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise Refused(f"Tệp .zip chứa liên kết tượng trưng (symlink) “{name}”; "
                      "hãy nén tệp thật thay cho liên kết.")
    if member.flag_bits & 0x1:
        raise Refused(f"Tệp .zip có mục được mã hóa “{name}”; hãy nén lại không đặt mật khẩu.")
    parts = PurePosixPath(name).parts
    if (not name or "\\" in name or name.startswith("/") or ".." in parts
            or (parts and ":" in parts[0]) or "\x00" in name):
        raise Refused(f"Tệp .zip có đường dẫn không an toàn “{name}” (ra ngoài thư mục "
                      "giải nén); hãy nén lại với đường dẫn tương đối.")
    target = (root / name).resolve()
    if target != root and root not in target.parents:
        raise Refused(f"Tệp .zip có đường dẫn không an toàn “{name}”.")
