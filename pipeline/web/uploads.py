"""Uploads: each in its own folder, kept per uploader; zips unpacked with limits, no
traversal, no symlinks."""

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
MAX_NAME = 1024  # characters in a zip entry's path (255 bytes in one of its parts)
KEEP = 20  # uploads kept per uploader; an uploader's older ones are deleted
MAX_UPLOADS = 100  # uploads kept in all; beyond, older ones not the newest of their uploader
KINDS = {".yaml": "yaml", ".yml": "yaml", ".zip": "zip", ".txt": "text", ".docx": "docx"}
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Refused(Exception):
    """An upload we will not take; ``status`` is the HTTP status, the message Vietnamese."""

    def __init__(self, message: str, status: int = 400, diagnostics=(), headers=None):
        super().__init__(message)
        self.status = status
        self.diagnostics = tuple(diagnostics)
        self.headers = dict(headers or {})


@dataclass
class Upload:
    token: str
    folder: Path  # holds src/ (what was sent, unpacked), out/ (the outputs), thumbs/
    kind: str
    owner: str = ""  # the uploader's token (a cookie of their browser)
    result: dict | None = None  # set once built: stem, title, files, thumbs, warnings…

    @property
    def src(self) -> Path:
        return self.folder / "src"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    @property
    def thumbs(self) -> Path:
        return self.folder / "thumbs"


def safe_stem(filename: str) -> str:
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60]
    return stem or "tai-len"


class Uploads:
    """The uploads root (a temporary folder of the server's) and the recent uploads, oldest
    first. Each uploader keeps their KEEP newest; past MAX_UPLOADS in all, the oldest upload
    that is the uploader's own or not the newest of its uploader goes, and when there is
    none, the upload is refused (503): another uploader's newest is never deleted."""

    def __init__(self, root: Path, owned: bool = False):
        self.root = Path(root)
        self.owned = owned  # made for this server: removed whole on close
        self.root.mkdir(parents=True, exist_ok=True)
        self.recent: dict[str, Upload] = {}
        self.lock = threading.Lock()

    def create(self, filename: str, owner: str = "") -> Upload:
        suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
        if suffix not in KINDS:
            raise Refused(f"Không nhận tệp “{filename}”: chỉ nhận tệp nguồn .yaml, tệp .zip "
                          "(nguồn YAML kèm ảnh), văn bản thô .txt hoặc tệp Word .docx.", 415)
        token = secrets.token_urlsafe(18)
        upload = Upload(token, self.root / token, KINDS[suffix], owner)
        with self.lock:
            mine = [u for u in self.recent.values() if u.owner == owner]
            evicted = mine[:max(0, len(mine) + 1 - KEEP)]
            for old in evicted:
                del self.recent[old.token]
            if len(self.recent) >= MAX_UPLOADS:
                old = self._evictable(owner)
                if old is None:
                    raise Refused("Máy chủ đang giữ quá nhiều bản tải lên của nhiều người; "
                                  "xin thử lại sau ít phút.", 503, headers={"Retry-After": "60"})
                del self.recent[old.token]
                evicted.append(old)
            self.recent[token] = upload
        for old in evicted:
            shutil.rmtree(old.folder, ignore_errors=True)
        (upload.src).mkdir(parents=True)
        upload.out.mkdir()
        upload.thumbs.mkdir()
        return upload

    def _evictable(self, owner: str) -> Upload | None:
        """The oldest upload that is ``owner``'s or not the newest of its uploader."""
        newest = {u.owner: u.token for u in self.recent.values()}
        return next((u for u in self.recent.values()
                     if u.owner == owner or newest[u.owner] != u.token), None)

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
        """Delete every upload (and the root itself if it was made for this server)."""
        with self.lock:
            folders = [u.folder for u in self.recent.values()]
            self.recent.clear()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        if self.owned:
            shutil.rmtree(self.root, ignore_errors=True)


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
        if len(members) > 5 * MAX_ZIP_FILES:
            raise Refused(f"Tệp .zip có {len(members)} mục (tệp và thư mục), nhiều hơn giới "
                          f"hạn {5 * MAX_ZIP_FILES} mục.", 413)
        if sum(m.file_size for m in files) > MAX_UNPACKED:
            raise Refused(f"Tệp .zip khi giải nén lớn hơn giới hạn "
                          f"{MAX_UNPACKED // (1024 * 1024)} MB.", 413)
        root = upload.src.resolve()
        for member in members:
            _check_member(member, root)
        _check_tree(members)
        total = 0
        for member in files:
            target = root / member.filename
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, open(target, "xb") as dst:
                    while chunk := src.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise Refused("Tệp .zip khi giải nén lớn hơn giới hạn "
                                          f"{MAX_UNPACKED // (1024 * 1024)} MB.", 413)
                        dst.write(chunk)
            except FileExistsError:
                raise Refused(f"Tệp .zip có hai mục cùng tên “{_shown(member.filename)}”.") \
                    from None
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
                    NotImplementedError):
                raise Refused(f"Không giải nén được “{_shown(member.filename)}”: tệp .zip bị hỏng "
                              "hoặc dùng cách nén không được hỗ trợ.") from None
    sources = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".yaml", ".yml"))
    if len(sources) != 1:
        found = "không có tệp .yaml nào" if not sources else f"có {len(sources)} tệp .yaml"
        raise Refused(f"Tệp .zip phải chứa đúng một tệp nguồn .yaml ({found}).", 422)
    return sources[0]


def _ignored(name: str) -> bool:
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] == ".DS_Store"


def _shown(name: str, limit: int = 120) -> str:
    """An entry's name for a message: long ones cut, with their length."""
    return name if len(name) <= limit else f"{name[:limit]}… ({len(name)} ký tự)"


def _check_tree(members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip where one entry is a file and another puts something inside it
    (``a`` and ``a/b.yaml``): unpacking could not make both."""
    files = {PurePosixPath(m.filename): m.filename for m in members if not m.is_dir()}
    for member in members:
        path = PurePosixPath(member.filename)
        for folder in (path if member.is_dir() else path.parent, *path.parents):
            if folder in files and files[folder] != member.filename:
                raise Refused(f"Tệp .zip có “{_shown(files[folder])}” vừa là tệp vừa là thư "
                              f"mục chứa “{_shown(member.filename)}”; hãy đổi tên một trong "
                              "hai rồi nén lại.")


def _check_member(member: zipfile.ZipInfo, root: Path) -> None:
    name = member.filename
    if len(name) > MAX_NAME or any(len(p.encode()) > 255 for p in name.split("/")):
        raise Refused(f"Tệp .zip có mục tên quá dài “{_shown(name)}” (tối đa {MAX_NAME} ký "
                      "tự cho cả đường dẫn, 255 byte cho mỗi tên); hãy đặt tên ngắn hơn rồi "
                      "nén lại.")
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise Refused(f"Tệp .zip chứa liên kết tượng trưng (symlink) “{name}”; "
                      "hãy nén tệp thật thay cho liên kết.")
    if member.flag_bits & 0x1:
        raise Refused(f"Tệp .zip có mục được mã hóa “{name}”; hãy nén lại không đặt mật khẩu.")
    parts = PurePosixPath(name).parts
    if (not name or "\\" in name or name.startswith("/") or ".." in parts
            or (parts and ":" in parts[0]) or "\x00" in name):
        raise Refused(f"Tệp .zip có đường dẫn không an toàn “{_shown(name)}” (ra ngoài thư mục "
                      "giải nén); hãy nén lại với đường dẫn tương đối.")
    target = (root / name).resolve()
    if target != root and root not in target.parents:
        raise Refused(f"Tệp .zip có đường dẫn không an toàn “{name}”.")
