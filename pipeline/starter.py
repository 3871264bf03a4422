"""The commented starter source written by ``pipeline new``."""

STARTER = """\
# yaml-language-server: $schema=../schema.json
# A new interview. Fill in the values, then run:  pipeline check {name}
# Text: a blank line starts a new paragraph; **bold** and *italic* are the only markup.
format: 1
title: Tiêu đề bài phỏng vấn            # the headline
kicker: Dòng chữ nhỏ phía trên tiêu đề   # optional
lead: >                                  # optional standfirst
  Đoạn mở đầu giới thiệu cuộc phỏng vấn.
publication: Tên tờ báo
issue: Số 1                              # optional, newsletter masthead
date: 2026-01-15                         # YYYY-MM-DD
byline: Tên phóng viên                   # optional
# url: https://example.vn/bai-viet       # optional
# event: Tên hội nghị                    # optional, handout header
people:
  pv:
    label: P.V                           # printed in bold before each question
    role: interviewer
  khach:
    label: Ông Nguyễn Văn A
    name: Nguyễn Văn A                   # optional
    title: Chức vụ                       # optional
    role: interviewee
body:
  - q: Câu hỏi thứ nhất?
  - a: |
      Câu trả lời, đoạn thứ nhất.

      Đoạn thứ hai của câu trả lời, với **chữ đậm** và *chữ nghiêng*.
  # - figure: images/anh-1.jpg            # a JPEG or PNG next to this file
  #   caption: Chú thích ảnh.
  #   credit: Tên tác giả ảnh              # printed as "Ảnh: …"
  - quote: “Một câu trích dẫn nổi bật.”
  - heading: Tiêu đề mục
  - q: Xin cảm ơn ông!
"""


def starter_text(name: str = "NAME.yaml") -> str:
    return STARTER.replace("{name}", name)

PACK_STARTER = """\
# yaml-language-server: $schema=../collection.schema.json
# A congress pack: a cover, the contents, then each interview from a right-hand page,
# folded as an A5 booklet. Fill in the values, then run:  pipeline check {name}
# and build it with:  pipeline build {name}   (writes output/{stem}/pack.pdf and
# pack-booklet.pdf). The contract: docs/collections.md.
format: 1
kind: pack                               # pack (handout layout) or issue (newsletter)
title: Tài liệu phục vụ Đại hội          # printed large on the cover
publication: Tên cơ quan hoặc tờ báo     # the publisher, at the foot of the cover
issue: Số 1                              # optional
date: 2026-01-15                         # YYYY-MM-DD
event: Tên hội nghị, đại hội             # optional, above the title on the cover
place: Thành phố Vinh, Nghệ An           # optional, under the title with the date
# cover: images/bia.jpg                  # optional cover photo (JPEG or PNG), into the bleed
# back_cover: Tài liệu lưu hành nội bộ   # optional text of the back cover (the last page)
items:                                   # interview sources in this folder, printed in this order
{items}"""


def pack_starter_text(name: str, sources: list[str]) -> str:
    """The starter collection, listing ``sources`` (the interviews beside it) or, when
    there are none, two example names to replace."""
    if sources:
        items = "".join(f"  - {s}\n" for s in sources)
    else:
        items = ("  - phong-van-1.yaml                   # each one listed once\n"
                 "  - phong-van-2.yaml\n")
    stem = name.rsplit("/", 1)[-1].removesuffix(".yaml")
    return (PACK_STARTER.replace("{name}", name).replace("{stem}", stem)
            .replace("{items}", items))
