"""Edits made the way an editor makes them: headless LibreOffice opens a DOCX, records tracked
changes and comments through its API (a Basic macro in a private profile), saves it as DOCX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

EDITOR = "Biên tập viên"
CHIEF = "Trưởng ban"
NOTE = "Kiểm tra lại số liệu này"
COMMENTED = "Nghị quyết số 01-NQ/ĐU"
REPLACED = ("quyết tâm chính trị cao", "quyết tâm rất cao")
DELETED = "dám nghĩ, "
INSERTED_AFTER, INSERTED = "trả lời phỏng vấn Báo Nghệ An.", " Ảnh mới."
GONE_PARAGRAPH = "Các cấp ủy, tổ chức đảng ở các cơ quan tham mưu"
BOLDED = "khâu đột phá"

# Scenario "changes": a replacement, a deletion, an insertion, a whole paragraph deleted, a
# word made bold, all tracked, and a comment. Scenario "comment": only the comment. Each
# text must be in the DOCX: if one is missing, nothing is saved.
MACRO = f"""
Sub SetAuthor(name As String)
  Dim p(0) As New com.sun.star.beans.PropertyValue
  p(0).Name = "nodepath" : p(0).Value = "/org.openoffice.UserProfile/Data"
  cp = createUnoService("com.sun.star.configuration.ConfigurationProvider")
  ca = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", p())
  ca.setPropertyValue("givenname", name)
  ca.setPropertyValue("sn", "")
  ca.commitChanges()
End Sub

Function Find(doc, what As String)
  sd = doc.createSearchDescriptor()
  sd.SearchString = what
  Find = doc.findFirst(sd)
End Function

Sub Edit(inUrl As String, outUrl As String, scenario As String)
  On Error GoTo Failed  ' a text not found: no file saved, rather than a dialog that waits
  SetAuthor("{EDITOR}")
  Dim a(0) As New com.sun.star.beans.PropertyValue
  a(0).Name = "Hidden" : a(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, a())
  If scenario = "changes" Then
    doc.RecordChanges = True
    Find(doc, "{REPLACED[0]}").setString("{REPLACED[1]}")
    Find(doc, "{DELETED}").setString("")
    r = Find(doc, "{INSERTED_AFTER}")
    r.getText().insertString(r.getEnd(), "{INSERTED}", False)
    c = doc.getText().createTextCursorByRange(Find(doc, "{GONE_PARAGRAPH}"))
    c.gotoStartOfParagraph(False)
    c.gotoEndOfParagraph(True)
    c.goRight(1, True)
    c.setString("")
    Find(doc, "{BOLDED}").CharWeight = com.sun.star.awt.FontWeight.BOLD
  End If
  ann = doc.createInstance("com.sun.star.text.textfield.Annotation")
  ann.Author = "{CHIEF}"
  ann.Content = "{NOTE}"
  r = Find(doc, "{COMMENTED}")
  r.getText().insertTextContent(r, ann, True)
  Dim s(0) As New com.sun.star.beans.PropertyValue
  s(0).Name = "FilterName" : s(0).Value = "MS Word 2007 XML"
  doc.storeToURL(outUrl, s())
Failed:
  If Not IsNull(doc) Then doc.close(True)
End Sub
"""


def edit(src: Path, dst: Path, scenario: str, base: Path) -> Path:
    """``src`` edited in LibreOffice by ``scenario`` and saved as ``dst``."""
    profile = base / "lo-profile"
    if not profile.exists():
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--terminate_after_init"], capture_output=True, timeout=120, check=True)
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC '
            '"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n<script:module '
            'xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
            f'script:language="StarBasic">{escape(MACRO)}</script:module>\n', encoding="utf-8")
    copy = base / f"in-{scenario}.docx"
    shutil.copy(src, copy)
    run = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          f'macro:///Standard.Module1.Edit("{copy.as_uri()}",'
                          f'"{dst.resolve().as_uri()}","{scenario}")'],
                         capture_output=True, text=True, timeout=120)
    # the exit status is not reliable (1 on a profile's first macro run): the file is
    assert dst.is_file(), f"LibreOffice did not save the edited DOCX: {run.stderr}"
    return dst
