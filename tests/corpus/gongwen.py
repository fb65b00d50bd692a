"""A corpus of whole 公文 built from GB/T 9704-2012 with python-docx, the way an office types them
in Word (direct formatting on the default template, not gwplan's writer): a red-header 通知 with
份号, 密级 and 紧急程度; a 函 in 信函格式 (no number on its first page, 10.1); a 请示 with 签发人,
seal and 附注; a 通知 with seal, 附注 and its text inside a content control; a plan with two 附件;
a 命令 (10.2) with its 令号 and the signer's office and name; a 纪要 (10.3) with 出席、请假、列席
whose lines continue after soft breaks; a 联合行文 with two organs and their 署名 on one line.
Each comes correct and with planted errors, one per variant, each with the check rules that may
report it. closing_forms() gives the 署名/日期 blocks real documents use, each of which must read
clean.

    documents(folder) → [(path, kind, planted error or "", rules that count as finding it)]
    closing_forms(folder) → [(path, form)]
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

BODY, TITLE, HEI, KAI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
CHAR = 320  # twips of one 3号 character (16 pt)
RED = RGBColor(0xFF, 0x00, 0x00)


class Writer:
    """A document being typed: every paragraph formatted by hand, as offices do."""

    def __init__(self, errors: set[str]):
        self.errors = errors
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(25)
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
            sect.append(grid)
        grid.attrib.clear()
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), "579")
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(16)
        normal.font.name = BODY
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing = Pt(28.95)
        fmt.widow_control = False
        self.doc.settings.odd_and_even_pages_header_footer = True
        if "no page numbers" not in errors:
            self._footers()

    def _footers(self) -> None:
        section = self.doc.sections[0]
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = Pt(0)
            if side == "right":
                paragraph.paragraph_format.right_indent = Pt(14)
            else:
                paragraph.paragraph_format.left_indent = Pt(14)
            for text in ("— ", None, " —"):
                run = paragraph.add_run(text or "")
                if text is None:
                    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
                    run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
                    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
                self.font(run, "宋体", 14)

    @staticmethod
    def font(run, name: str, size: float, color: RGBColor | None = None, bold: bool | None = None) -> None:
        run.font.name, run.font.size = name, Pt(size)
        run._r.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), name)
        if color is not None:
            run.font.color.rgb = color
        if bold is not None:
            run.bold = bold

    def para(self, text: str = "", font: str = BODY, size: float = 16, align=None, first: float | None = 2,
             right: float | None = None, left: float | None = None, color=None, bold=None, container=None):
        paragraph = (container or self.doc).add_paragraph()
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        fmt.first_line_indent = Pt(16 * first) if first else Pt(0)
        if right is not None:
            fmt.right_indent = Pt(16 * right)
        if left is not None:
            fmt.left_indent = Pt(16 * left)
        if text:
            for index, piece in enumerate(text.split("\t")):
                if index:
                    paragraph.add_run().add_tab()
                if piece:
                    self.font(paragraph.add_run(piece), font, size, color, bold)
        return paragraph

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.para(first=0)

    def title(self, text: str, align=WD_ALIGN_PARAGRAPH.CENTER, color=None, bold=None) -> None:
        paragraph = self.para(text, TITLE, 22, align, first=0, color=color, bold=bold)
        paragraph.paragraph_format.line_spacing = Pt(28.95)

    def heading1(self, text: str, font: str = HEI) -> None:
        self.para(text, font)

    def heading2(self, text: str) -> None:
        self.para(text, KAI)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def closing(self, signature: str, date: str, seal: bool = False) -> None:
        """署名 and 成文日期 (7.3.5): without a seal the 署名 right-indented 2 and the date 2 further
        right; with one the date right-indented 4 and the 署名 centred over it."""
        self.blank()
        sig_width, date_width = len(signature), _width(date)
        if seal:
            date_right = 4
            sig_right = date_right + (date_width - sig_width) / 2
        else:  # a date longer than that allows keeps 2 at the right; the 署名 moves left with it
            sig_right = 2
            date_right = 28 - (28 - sig_right - sig_width + 2) - date_width
            if date_right < 2:
                sig_right += 2 - date_right
                date_right = 2
        if "signature left" in self.errors:
            self.para(signature, first=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            self.para(signature, first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=sig_right)
        self.para(date, first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=date_right)

    def seal_image(self) -> None:
        """A round seal placeholder drawn as an inline picture-less shape near the 署名."""
        paragraph = self.doc.paragraphs[-2]
        paragraph.add_run()._r.append(parse_xml(
            f'<w:drawing {nsdecls("w")} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" locked="0" '
            'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset>'
            '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>-900000</wp:posOffset></wp:positionV>'
            '<wp:extent cx="1512000" cy="1512000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="9" name="印章"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"/></a:graphic></wp:anchor></w:drawing>'
        ))

    def imprint(self, copy_to: str, printed_by: str, date: str) -> None:
        """版记 (7.4): a table as wide as the type area, its borders the rules."""
        table = self.doc.add_table(rows=2 if copy_to else 1, cols=1)
        borders = ('<w:tblBorders {ns}><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
                   '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
                   '<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders>').format(ns=nsdecls("w"))
        table._tbl.tblPr.append(parse_xml(borders))
        rows = ([f"\t抄送：{copy_to}。"] if copy_to else []) + [f"\t{printed_by}\t{date}印发"]
        for row, text in zip(table.rows, rows):
            cell = row.cells[0]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(14))
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(14), 2)  # right
            for index, piece in enumerate(text.split("\t")):
                if index:
                    paragraph.add_run().add_tab()
                if piece:
                    self.font(paragraph.add_run(piece), BODY, 14)

    def save(self, path: Path) -> Path:
        if "first page without number" in self.errors:
            section = self.doc.sections[0]
            section.different_first_page_header_footer = True
        self.doc.save(str(path))
        return path


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2000 else 1 for c in text)


def _red_rule(paragraph, double: bool = False) -> None:
    kind = "thinThickSmallGap" if double else "single"
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="{kind}" w:sz="18" w:space="8" w:color="FF0000"/></w:pBdr>'
    ))


def _header(w: Writer, mark: str, number: str, lines=(), signer: str = "") -> None:
    for text, font in lines:
        w.para(text, font, first=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    w.blank(0)
    mark_paragraph = w.para(mark, TITLE, 36, WD_ALIGN_PARAGRAPH.CENTER, first=0, color=RED)
    mark_paragraph.paragraph_format.space_before = Mm(10)
    mark_paragraph.paragraph_format.line_spacing = Pt(45)
    w.blank(2)
    if signer:
        paragraph = w.para(f"{number}\t签发人：", first=0, left=1)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(16 * 5), 2)
        w.font(paragraph.add_run(signer), KAI, 16)
    else:
        paragraph = w.para(number, first=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(paragraph)
    w.blank(2)


def notice(errors: set[str]) -> Writer:
    """A red-header 通知 (下行文) with 份号, 密级和保密期限 and 紧急程度, and a 版记."""
    w = Writer(errors)
    copy_number = "25" if "short copy number" in errors else "000025"
    number = "白教[2027]5号" if "number brackets" in errors else "白教〔2027〕5号"
    _header(w, "白塔区教育局文件", number, [(copy_number, BODY), ("机密★1年", HEI), ("特急", HEI)])
    w.title("关于做好2027年寒假期间学生安全工作的通知" + ("。" if "title punctuation" in errors else ""))
    w.blank()
    w.para("各中小学、幼儿园：", first=0)
    w.para("寒假将至，为确保学生度过一个安全、文明、健康的假期，现就有关事项通知如下。",
           font="宋体" if "body font" in errors else BODY)
    w.heading1("一、加强安全教育")
    w.para("各校要在放假前组织一次安全教育，重点讲清防溺水、防火、交通安全等内容。")
    w.heading1("二、落实值班制度")
    w.heading2("（一）安排值班人员")
    w.para("假期每天安排领导和教师值班，值班电话保持畅通。")
    w.heading2("（二）做好信息报送")
    w.para("遇到突发事件，按规定第一时间向区教育局报告。")
    w.closing("白塔区教育局", "2027年01月08日" if "padded date" in errors else "2027年1月8日")
    w.blank(3)
    w.imprint("区委办公室，区政府办公室", "白塔区教育局办公室", "2027年1月8日")
    return w


def letter(errors: set[str]) -> Writer:
    """A 函 in 信函格式: the 标志, a red double rule, the 发文字号 at the right below it; its first
    page shows no number (10.1)."""
    w = Writer(errors)
    w.doc.sections[0].different_first_page_header_footer = True
    mark = w.para("白塔区教育局", TITLE, 36, WD_ALIGN_PARAGRAPH.CENTER, first=0, color=RED)
    mark.paragraph_format.line_spacing = Pt(45)
    _red_rule(mark, double=True)
    number = "白教函〔2027〕第12号" if "number with 第" in errors else "白教函〔2027〕12号"
    w.para(number, first=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    w.blank()
    w.title("关于商请支持开展青少年研学活动的函", align=WD_ALIGN_PARAGRAPH.LEFT if "title not centred" in errors else WD_ALIGN_PARAGRAPH.CENTER)
    w.blank()
    w.para("白塔区文化和旅游局：", first=0)
    comma = "," if "half-width comma" in errors else "，"
    w.para(f"为丰富学生假期生活{comma}我局拟于2027年暑期组织中小学生开展研学活动，现商请贵局给予支持。")
    w.heading1("1、活动安排" if "marker 1、" in errors else "一、活动安排")
    w.para("活动分三批进行，每批约两百名学生，由学校教师带队。")
    w.heading1("二、商请事项")
    w.para("请贵局协调辖区内纪念馆、博物馆为学生提供讲解服务。")
    w.para("特此函告。")
    w.closing("白塔区教育局", "2027年3月2日")
    return w


def request(errors: set[str]) -> Writer:
    """A 请示 (上行文): 发文字号 at the left and 签发人 at the right, a seal, a 附注 for contact."""
    w = Writer(errors)
    _header(w, "白塔区教育局文件", "白教〔2027〕8号", signer="张明")
    w.title("关于申请增加学生心理健康辅导经费的请示", color=RGBColor(0x1F, 0x4E, 0x79) if "blue title" in errors else None)
    w.blank()
    w.para("白塔区人民政府：", first=0)
    w.heading1("一、基本情况", font="宋体" if "heading font" in errors else HEI)
    w.heading2("（一）、现有投入" if "marker （一）、" in errors else "（一）现有投入")
    w.para("全区现有心理辅导室四十二个，专兼职教师六十余名。")
    w.heading1("二、申请事项")
    ratio = "30～40%" if "short range" in errors else "30%～40%"
    w.para(f"申请增加心理辅导经费，培训覆盖面提高{ratio}。")  # short: 署名 and 附注 stay on page 1 (7.3.5.4)
    w.para("妥否，请批示。")
    w.closing("白塔区教育局", "2027年2月20日", seal=True)
    w.seal_image()
    w.para("（联系人：李华，电话：0512-12345678）", first=2)
    return w


def sealed_notice(errors: set[str]) -> Writer:
    """A 通知 with seal and 附注, its text inside a content control, and a 版记."""
    w = Writer(errors)
    _header(w, "白塔区教育局文件", "白教〔2027〕11号")
    w.title("关于开展2027年“书香校园”读书活动的通知", bold=True if "bold title" in errors else None)
    w.blank()
    w.para("[主送单位]：" if "placeholder recipient" in errors else "各中小学：", first=0)
    body = w.doc.element.body
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent/></w:sdt>')
    body.insert(len(body) - 1, sdt)
    content = sdt.find(qn("w:sdtContent"))
    paragraphs = [
        ("为营造书香校园氛围，培养学生阅读习惯，决定在全区中小学开展读书活动。", BODY),
        ("一、活动时间", HEI), ("2027年3月至11月。", BODY),
        ("二、活动内容", HEI), ("各校组织学生每月至少阅读一本好书，撰写读书笔记。", BODY),
    ]
    for index, (text, font) in enumerate(paragraphs):
        paragraph = w.para(text, font)
        if "line spacing 1.5" in errors and index == 4:
            paragraph.paragraph_format.line_spacing = 1.5
        content.append(paragraph._p)
        if "blank in the text" in errors and index == 2:
            blank = w.para(first=0)
            content.append(blank._p)
    if "no body page" in errors:
        w.para("（此页无正文）", first=2)
    w.closing("白塔区教育局", "2027年3月1日", seal=True)
    w.seal_image()
    w.para("（此件公开发布）", first=2)
    w.blank(2)
    w.imprint("", "白塔区教育局办公室", "2027年3月1日")
    return w


def plan_with_appendices(errors: set[str]) -> Writer:
    """A plan with two 附件, each on a page of its own with 附件N and its title."""
    w = Writer(errors)
    w.title("白塔区2027年关心下一代工作要点")
    w.blank()
    w.para("2027年，全区关心下一代工作要围绕立德树人根本任务，发挥“五老”作用，助力青少年健康成长。")
    if "item before 一、" in errors:
        w.para("1.组织开展年度工作部署。")
    w.heading1("一、加强思想引领")
    w.para("1.组织老同志开展专题学习，每季度不少于一次。")
    w.para("2.开展“红色故事进校园”宣讲活动。")
    w.heading1("二、做实关爱帮扶")
    w.para("3.建立困境学生关爱台账，落实结对帮扶措施。")
    w.blank()
    stop = "。" if "attachment punctuation" in errors else ""
    w.para(f"附件：1.2027年宣讲活动安排表{stop}", first=2)
    w.para("2.2027年结对帮扶名单", first=0, left=5)
    w.closing("白塔区关工委", "2027年1月10日")
    for number, (name, rows) in enumerate((("2027年宣讲活动安排表", 3), ("2027年结对帮扶名单", 2)), 1):
        if not (number == 2 and "attachment on the same page" in errors):
            w.page_break()
        w.para(f"附件{number}", HEI if not ("label font" in errors and number == 1) else BODY, first=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        w.blank()
        w.title(name)
        w.blank()
        table = w.doc.add_table(rows=rows, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.first_line_indent = Pt(0)
                w.font(cell.paragraphs[0].add_run("待定事项"), BODY, 14)
        w.para("以上安排如有变动，另行通知。")
    return w


def order(errors: set[str]) -> Writer:
    """A 命令 (10.2): "…人民政府令" in red, the 令号 below it, the text, the signer's office and name
    with a full-width space between them, the date."""
    w = Writer(errors)
    mark = w.para("白塔区人民政府令", TITLE, 36, WD_ALIGN_PARAGRAPH.CENTER, first=0, color=RED)
    mark.paragraph_format.line_spacing = Pt(45)
    w.blank(2)
    w.para("第3号", first=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    w.blank(2)
    comma = "," if "half-width comma" in errors else "，"
    w.para(f"《白塔区校外培训机构管理办法》已经2027年2月10日区政府第8次常务会议通过{comma}现予公布，自2027年4月1日起施行。",
           font="宋体" if "body font" in errors else BODY)
    w.blank(2)
    w.para("区长\u3000王明", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
    w.blank()
    w.para("2027年02月15日" if "padded date" in errors else "2027年2月15日", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
    return w


def minutes(errors: set[str]) -> Writer:
    """A 纪要 (10.3): "…会议纪要" in red, 第N期, the text, then 出席、请假、列席 whose names go on
    after soft line breaks, indented with full-width spaces."""
    w = Writer(errors)
    mark = w.para("白塔区教育局会议纪要", TITLE, 36, WD_ALIGN_PARAGRAPH.CENTER, first=0, color=RED)
    mark.paragraph_format.line_spacing = Pt(45)
    w.blank(2)
    w.para("第2期", first=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    w.blank(2)
    w.para("2027年1月12日，区教育局召开局长办公会议，研究寒假学生安全工作。纪要如下。")
    w.heading1("一、关于安全教育", font="宋体" if "heading font" in errors else HEI)
    w.para("会议要求各校在放假前完成一次安全教育。")
    if "blank in the text" in errors:
        w.blank()
    w.heading1("二、关于值班安排")
    ratio = "30～40%" if "short range" in errors else "30%～40%"
    w.para(f"会议同意假期值班人员比上年增加{ratio}。")
    w.blank()
    attendance = w.para("出席：张明、李华、王芳，", first=2)
    run = attendance.add_run()
    run.add_break()
    w.font(attendance.add_run("\u3000\u3000\u3000赵强、钱学"), BODY, 16)
    w.para("请假：孙立", first=2)
    w.para("列席：周文", first=2)
    w.blank(2)
    w.imprint("", "白塔区教育局办公室", "2027年1月13日")
    return w


def joint(errors: set[str]) -> Writer:
    """A 联合行文: two organs in the 标志, one 发文字号, and their 署名 side by side on one line,
    set apart by full-width spaces, over a date right-indented four characters (sealed on paper)."""
    w = Writer(errors)
    _header(w, "白塔区教育局\u3000白塔区民政局文件", "白教〔2027〕9号")
    w.title("关于做好2027年困境儿童关爱工作的通知", align=WD_ALIGN_PARAGRAPH.LEFT if "title not centred" in errors else WD_ALIGN_PARAGRAPH.CENTER)
    w.blank()
    w.para("各中小学，各街道民政办：", first=0)
    comma = "," if "half-width comma" in errors else "，"
    w.para(f"为做好困境儿童关爱工作{comma}现就有关事项通知如下。")
    w.heading1("一、摸清底数")
    w.heading2("（一）、建立台账" if "marker （一）、" in errors else "（一）建立台账")
    w.para("各校会同街道建立困境儿童关爱台账，一人一档。")
    w.blank(3)
    w.para("白塔区教育局\u3000\u3000\u3000白塔区民政局", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=2)
    w.para("2027年03月01日" if "padded date" in errors else "2027年3月1日", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
    return w


def closing_forms(folder: Path) -> list[tuple[Path, str]]:
    """The 署名 and 成文日期 blocks real documents use, each correct in its way."""
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for form in ("one paragraph with a break", "placeholder signer and date", "note after", "seal placeholder between",
                 "unsealed", "sealed, date right four"):
        w = Writer(set())
        w.title("关于开展2027年春季学生体质监测的通知")
        w.blank()
        w.para("各中小学：", first=0)
        w.para("按照年度工作安排，定于2027年4月开展学生体质监测，请各校做好准备。")
        w.para("特此通知。")
        if form == "one paragraph with a break":
            w.blank()
            paragraph = w.para("白塔区教育局", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
            paragraph.add_run().add_break()
            w.font(paragraph.add_run("2027年3月20日"), BODY, 16)
        elif form == "placeholder signer and date":
            w.blank()
            w.para("[发文单位]", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=2)
            w.para("[日期]", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
        elif form == "note after":
            w.closing("白塔区教育局", "2027年3月20日")
            w.para("（联系人：李华，电话：0512-12345678）", first=2)
        elif form == "seal placeholder between":
            w.blank()
            w.para("白塔区教育局", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
            w.para("（盖章）", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=5, color=RED)
            w.para("2027年3月20日", first=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
        elif form == "unsealed":
            w.closing("白塔区教育局", "2027年3月20日")
        else:
            w.closing("白塔区教育局", "2027年3月20日", seal=True)
        found.append((w.save(folder / f"落款-{form}.docx"), form))
    return found


KINDS = {
    "红头通知": (notice, {
        "short copy number": {"header.copy_number"}, "number brackets": {"docnum.form"}, "title punctuation": {"title.punct"},
        "body font": {"font.body"}, "padded date": {"date.padding"},
    }),
    "信函": (letter, {
        # 1、 for 一、 reads as an item: the order and font findings follow from the same mistake.
        "number with 第": {"docnum.form"}, "half-width comma": {"punct.ascii"},
        "marker 1、": {"heading.form", "heading.order", "heading.sequence", "font.heading3"},
        "title not centred": {"align.title"}, "no page numbers": {"footer.missing"},
    }),
    "请示": (request, {
        "marker （一）、": {"heading.form"}, "short range": {"range.unit"}, "heading font": {"font.heading1"},
        "signature left": {"place.signature", "place.date"}, "blue title": {"color.title"},
    }),
    "盖章通知": (sealed_notice, {
        "no body page": {"part.no_body"}, "placeholder recipient": {"placeholder"}, "blank in the text": {"blank.body"},
        "line spacing 1.5": {"spacing.line"}, "bold title": {"bold.title"},
    }),
    "带附件的要点": (plan_with_appendices, {
        "attachment punctuation": {"attachment.punct"}, "item before 一、": {"heading.order", "heading.sequence"},
        "label font": {"font.appendix_label"}, "first page without number": {"footer.first"},
        "attachment on the same page": {"appendix.page"},
    }),
    "命令": (order, {
        "half-width comma": {"punct.ascii"}, "padded date": {"date.padding"}, "body font": {"font.body"},
        "no page numbers": {"footer.missing"},
    }),
    "纪要": (minutes, {
        "heading font": {"font.heading1"}, "blank in the text": {"blank.body"}, "short range": {"range.unit"},
        "no page numbers": {"footer.missing"},
    }),
    "联合行文": (joint, {
        "half-width comma": {"punct.ascii"}, "title not centred": {"align.title"}, "padded date": {"date.padding"},
        "marker （一）、": {"heading.form"},
    }),
}


def documents(folder: Path) -> list[tuple[Path, str, str, set[str]]]:
    """Every document of the corpus: (file, kind, the planted error or "", rules that find it)."""
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for number, (kind, (build, planted)) in enumerate(KINDS.items()):
        found.append((build(set()).save(folder / f"{number}-{kind}-正确.docx"), kind, "", set()))
        for index, (error, rules) in enumerate(planted.items(), 1):
            found.append((build({error}).save(folder / f"{number}-{kind}-错误{index}.docx"), kind, error, rules))
    return found
