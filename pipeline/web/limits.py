"""What uploads may cost together: decoded pixels per upload, builds running at once."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from pipeline.images import ImageProblem, probe
from pipeline.web.uploads import Refused

MAX_UPLOAD_PIXELS = 200_000_000  # all images of one upload; one image: images.MAX_PIXELS
# Uploads built at once. A build holds a decoded image (a 79 MP photo: ~240 MB, ~340 MB
# peak) and mostly holds the GIL: four such uploads took 7.2 s and 674 MB two at a time,
# 5.2 s and 410 MB one at a time. `pipeline serve --max-builds N` raises it.
BUILDS = 1
WAIT = 15.0  # seconds an upload waits for a free build before it is turned away (503)
RETRY_AFTER = 15  # seconds, told to the refused browser


def check_pixels(folder: Path, limit: int | None = None) -> None:
    """Refuse the upload if its images (read from their headers, nothing decoded) hold
    more than ``limit`` pixels together. Images too large on their own, or damaged, are
    left to the source check, which names the line that uses them."""
    limit = MAX_UPLOAD_PIXELS if limit is None else limit
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            _, width, height = probe(path)
        except (ImageProblem, OSError):
            continue
        total += width * height
    if total > limit:
        raise Refused(f"Các ảnh trong tệp tải lên có tổng cộng {total / 1e6:.0f} triệu điểm "
                      f"ảnh, nhiều hơn giới hạn {limit // 1_000_000} triệu cho một lần tải lên; "
                      "hãy thu nhỏ ảnh (ảnh in báo không cần quá 3000 điểm mỗi cạnh) rồi tải "
                      "lên lại.", 413)


class BuildSlots:
    """At most ``count`` uploads are built at once; one more waits ``wait`` seconds for a
    free slot, then gets a 503 page asking to retry."""

    def __init__(self, count: int = BUILDS, wait: float = WAIT):
        self.count = count
        self.wait = wait
        self.semaphore = threading.BoundedSemaphore(count)

    @contextmanager
    def held(self):
        if not self.semaphore.acquire(timeout=self.wait):
            raise Refused(f"Máy chủ đang bận dựng {self.count} bài tải lên khác; xin đợi ít "
                          "giây rồi gửi lại.", 503, headers={"Retry-After": str(RETRY_AFTER)})
        try:
            yield
        finally:
            self.semaphore.release()
