#!/usr/bin/env python3
"""Builds test decks with python-pptx, the way a person makes them in PowerPoint (not as samman does).

  seed000 OUT   seed 000 (the SRO meeting of 21 May 2021) as its author made it: a title slide, the
                agenda, one slide per item with "Föredragande:" and "Ställningstagande:" paragraphs,
                detail slides, line breaks inside titles ("Kvinnofrids-" / "satsning"), a closing slide
                of two text boxes, a hyperlink.
  odd OUT       odd layouts: the title slide and one slide title as plain text boxes, presenters in a
                table, a two-column slide, a grouped shape, a picture with alt text, speaker notes, and a
                hidden slide.

Usage: tools/pptx/build_deck.py seed000|odd OUT.pptx   (needs: pip install python-pptx)
"""
import base64
import io
import sys

try:
    from pptx import Presentation
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Pt
except ImportError:
    print("build_deck: python-pptx saknas (pip install python-pptx)", file=sys.stderr)
    sys.exit(2)

TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY, BLANK = 0, 1, 5, 6
# A 1×1 PNG for the picture slide.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def no_bullet(paragraph):
    """What a person does with the bullet button: this paragraph has none."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, ppr.makeelement(qn("a:buNone"), {}))


def bullet(paragraph, char="•"):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(ppr.makeelement(qn("a:buChar"), {"char": char}))


def fill(frame, lines):
    """Lines are (level, text, has_bullet); "\\v" in text is a line break (Shift+Enter)."""
    frame.clear()
    for i, (level, text, has_bullet) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = text
        p.level = level
        if not has_bullet:
            no_bullet(p)
    return frame


def content_slide(prs, title, lines):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = title
    fill(slide.placeholders[1].text_frame, lines)
    return slide


def label(text):
    return (0, text, False)


def item(text, level=0):
    return (level, text, True)


def seed000(out):
    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title = cover.shapes.title.text_frame
    title.text = "Sammanställning från:"
    p = title.add_paragraph()
    p.text = "Politiskt Samrådsorgan\vmellan VästKom och\vVästra Götalandsregionen"
    cover.placeholders[1].text = "21 maj 2021"

    content_slide(prs, "Agenda SRO 21 maj 2021", [
        item("Nära Vård"),
        item("Kvinnofrids-satsning, rekvirering av medel"),
        item("SRO september: Remiss hälso- och sjukvårdsavtalet"),
        item("Lägesrapport samverkansfrågor Covid-19"),
        item("Information ut från mötet"),
    ])
    content_slide(prs, "Nära vård", [
        label("Föredragande: Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"),
        item("Sammanfattning av resultat från intervjustudie genomförd av Chalmers och CHI: Center for "
             "Healthcare Improvement: se bilder"),
        item("Översyn länsövergripande samverkansstruktur: Finns framtaget dialogunderlag för ny "
             "länsgränsnivå."),
        item("Har börjat presentera i olika grupper för dialog och ta emot medskick. Fortsätter fram "
             "tills i hösten.", 1),
        item("Medskick från SRO: Behövs stor möjlighet för dialog i relevanta grupperingar.", 1),
        item("Tidsplan 2021\vJuni – oktober 2021 – Dialoger\v19 november 2021 – Ställningstagande i SRO", 1),
        label("Ställningstagande: SRO noterar informationen"),
    ])
    content_slide(prs, "Slutsatser CHI (sammanfattning)", [
        item("Inget större \"ombygge\" efterfrågas, snarare justeringar, förenklingar (t.ex. färre "
             "dokument, tydligare rollfördelning)"),
        item("Tydligare regional struktur – hur helheten hänger ihop."),
        item("Våga prata gränser och resurser"),
        item("Liknande delregional logik mellan de olika geografiska delarna – men samtidigt ta lokala "
             "styrkor och traditioner i beaktande."),
        item("Mycket prat – önskan att våga testa mera \"ständiga förbättringar i samverkan\""),
        item("Hur se på ledarskap: \"integrerande\" – uppmuntra interaktion, resursdelning, fokus på "
             "gemensamt mål."),
    ])
    content_slide(prs, "Struktur (från CHI´s respondenter)", [
        item("VVG´s roll behöver bli tydligare"),
        item("Primärvårdens grunduppdrag, vårt gemensamma uppdrag ska återspeglas i vår samverkansstruktur"),
        item("Den länsgemensamma nivån ska vara så liten och effektiv som möjligt för att ge "
             "förutsättningar för arbete lokalt och delregionalt"),
        item("Kopplingen mellan kommunalförbund och delregional samverkan måste öka"),
        item("Delregionalt uppdrag behöver bli tydligare"),
        item("Många organisationsgränser finns tex förvaltningar, nämnder, kommunalförbund. Kan vi "
             "förenkla på den delregionala nivån ?"),
    ])
    content_slide(prs, "Kontext (från CHI´s respondenter)", [
        item("Bra med gemensam grundstruktur men lokala olikheter måste kunna få plats"),
        item("Samverkan är komplext, det tar tid att förstå helheten"),
        item("Hälsa- och sjukvårdsavtalet är viktigt men vi måste ta med övriga kommunala delar tex "
             "socialtjänst och skolan."),
        item("Grundläggande delar av samverkan delregionalt behöver bli mer lika"),
        item("Stort län med många olika förutsättningar"),
    ])
    content_slide(prs, "Process (från CHI´s respondenter)", [
        item("Gapet mellan färdplan och ”golvet” är för stort"),
        item("Arbeta med tidsbestämda grupper så vi inte fastnar i strukturer när implementering är klar"),
        item("Minska antalet delregionala dokument"),
        item("Att leda i samverkan kräver kunskap och förtroende."),
    ])
    content_slide(prs, "SRO september: Remiss hälso- och sjukvårdsavtalet", [
        label("Föredragande: Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"),
        item("Remisskonferenser:"),
        item("16 sept kl 14:00-15:30", 1),
        item("23 sept kl 14:00-15:30", 1),
        item("sept kl 14:00-15:30", 1),
        label("Ställningstagande: SRO noterar informationen"),
    ])
    content_slide(prs, "Kvinnofrids-\vsatsning, rekvirering av medel", [
        label("Föredragande: Charlotta Wilhelmsson Västkom"),
        item("SKR:s kvinnofridssatsning 2021-2023 är en fortsättning av tidigare satsning."),
        item("50 % tjänst med fokus på att förstärka pågående arbete"),
        label("Ställningstagande: SRO ställer sig bakom"),
        item("genomförandeplan för kvinnofridssatsningen 2021 samt mål till 2023"),
        item("att VästKom rekvirerar medlen från SKR"),
    ])
    content_slide(prs, "SKR:s kvinnofridssatsning 2021-2023", [
        item("Satsningen är en fortsättning på satsningen 2018-2020"),
        item("Arbetet utgår i de jämställdhetspolitiska delmålen och den nationella strategin för att "
             "förebygga och bekämpa mäns våld mot kvinnor."),
        item("Huvudfokus under perioden 2021-2023 är att förebygga och motverka hedersrelaterat våld och "
             "förtryck."),
        item("Med satsningen vill SKR stödja kommuner och regioner att:"),
        item("bättre förebygga och tidigt upptäcka våld,", 1),
        item("stödja våldsutsatta och deras barn,", 1),
        item("ge insatser till våldsutövare att förändra sitt beteende.", 1),
    ])
    content_slide(prs, "Genomförande plan 2021 med mål till 2023", [
        item("50 % tjänst, placeras utifrån lämplig plats i förhållande till uppdraget"),
        item("Gemensam styrgrupp VGR och VGK, Länsstyrelsen adjungeras"),
        item("Ev. representanter från varje kommunalförbundsområde", 1),
        item("Insatser utifrån samtliga fyra målområden"),
        item("Rimliga förväntningar i förhållande till satsningen", 1),
        item("Fokus på att förstärka pågående arbete"),
        item("Arbeta i nära samverkan med Länsstyrelsen"),
    ])
    content_slide(prs, "Lägesrapport samverkans-\vfrågor Covid-\v19", [
        label("Föredragande: Jan Kilhamn VGR och Thomas Wahlberg, VGR"),
        item("Aktuellt läge Covid-19"),
        item("Folkhälsomyndighetens förändringar från 1 juni: restriktioner på tre nivåer som bedöms "
             "utifrån olika parametrar, t ex smittspridning, stabilitet, vaccination, belastning på sjukvård.", 1),
        item("Minskning av smittspridningen fyra veckor i rad för hela Västra Götaland.", 1),
        item("Reflektion: samverkan mellan smittskydd och kommun viktig och god. Goda erfarenheter av "
             "VVG covid19-möten", 1),
        label("Ställningstagande: SRO noterar informationen"),
    ])
    slide = content_slide(prs, "Information ut från mötet", [
        label("Föredragande: Josefin Lantz, kommunikatör\vvårdsamverkan"),
        item("Verktyg för att underlätta rapportering och spridning"),
        item("Snabb, kortare presentation från möte", 1),
        item("Nyhetsbrev Nära vård – ", 1),
        label("Ställningstagande: SRO noterar informationen"),
    ])
    link = slide.placeholders[1].text_frame.paragraphs[3].add_run()
    link.text = "PRENUMERERA"
    link.hyperlink.address = "#"

    closing = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    closing.shapes.title.text = "Verktyg för att underlätta rapportering och spridning"
    for x, text in ((Emu(457200), "Snabb, kortare\vpresentation från möte"), (Emu(4800600), "Nyhetsbrev\vPRENUMERERA!")):
        box = closing.shapes.add_textbox(x, Emu(2743200), Emu(3886200), Emu(1371600))
        box.text_frame.text = text
    prs.save(out)


def textbox(slide, x, y, w, h, lines, size=None):
    box = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(h))
    frame = box.text_frame
    for i, (level, text, has_bullet) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = text
        p.level = level
        if has_bullet:
            bullet(p)
        if size:
            for run in p.runs:
                run.font.size = Pt(size)
    return box


INCH = 914400


def odd(out):
    prs = Presentation()
    # The title slide made of text boxes on a blank slide.
    cover = prs.slides.add_slide(prs.slide_layouts[BLANK])
    textbox(cover, INCH, INCH, 8 * INCH, INCH, [label("Sammanställning från SRO")], size=40)
    textbox(cover, INCH, 3 * INCH, 8 * INCH, INCH, [label("10 december 2021")], size=24)

    # The agenda's title is a large text box, not a placeholder.
    agenda = prs.slides.add_slide(prs.slide_layouts[BLANK])
    textbox(agenda, INCH, INCH // 2, 8 * INCH, INCH, [label("Agenda")], size=36)
    textbox(agenda, INCH, 2 * INCH, 8 * INCH, 3 * INCH, [
        item("Budget 2022"), item("Barnhälsa i länet"), item("Digitala vårdmöten"), item("Övriga frågor"),
    ], size=20)

    # Presenters in a table: a header row, then one row per person.
    budget = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    budget.shapes.title.text = "Budget 2022"
    table = budget.shapes.add_table(3, 2, Emu(INCH), Emu(2 * INCH), Emu(6 * INCH), Emu(INCH)).table
    for r, (name, org) in enumerate([("Föredragande", "Organisation"), ("Eva Holm", "VGR"), ("Lars Ek", "VästKom")]):
        table.cell(r, 0).text = name
        table.cell(r, 1).text = org
    textbox(budget, INCH, 4 * INCH, 8 * INCH, INCH, [
        item("Budgeten för 2022 föreslås oförändrad."),
        label("Ställningstagande: SRO ställer sig bakom förslaget"),
    ])
    budget.notes_slide.notes_text_frame.text = "Talarnotering: nämn inte siffrorna ännu."

    # Two columns: the left column first, whatever order the shapes were drawn in.
    child = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    child.shapes.title.text = "Barnhälsa i länet"
    textbox(child, 5 * INCH, 2 * INCH, 4 * INCH, 3 * INCH, [
        label("Ställningstagande: SRO noterar informationen"),
    ])
    textbox(child, INCH // 2, 2 * INCH, 4 * INCH, 3 * INCH, [
        label("Föredragande: Anna Berg, VGR"),
        item("Fler barn når vården i tid."),
        item("Väntetiderna har minskat i hela länet."),
    ])
    child.shapes.add_picture(io.BytesIO(PNG), Emu(8 * INCH), Emu(6 * INCH), Emu(INCH // 2), Emu(INCH // 2))
    pic = child.shapes[-1]
    pic._element.nvPicPr.cNvPr.set("descr", "Diagram över väntetider som inte ska läsas som text")

    # A hidden slide between the items: skipped.
    hidden = content_slide(prs, "Utkast som inte visas", [item("Hemligt utkast")])
    hidden._element.set("show", "0")

    # A grouped shape holding the presenters and the content.
    digital = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    digital.shapes.title.text = "Digitala vårdmöten"
    group = digital.shapes.add_group_shape()
    a = group.shapes.add_textbox(Emu(INCH), Emu(2 * INCH), Emu(8 * INCH), Emu(INCH // 2))
    a.text_frame.text = "Föredragande: Per Sund, VästKom"
    b = group.shapes.add_textbox(Emu(INCH), Emu(3 * INCH), Emu(8 * INCH), Emu(2 * INCH))
    fill(b.text_frame, [item("Fler möten sker digitalt."), label("Ställningstagande: SRO noterar informationen")])
    for p in b.text_frame.paragraphs[:1]:
        bullet(p)

    content_slide(prs, "Övriga frågor", [item("Inga övriga frågor.")])
    prs.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("seed000", "odd"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    {"seed000": seed000, "odd": odd}[sys.argv[1]](sys.argv[2])
