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
