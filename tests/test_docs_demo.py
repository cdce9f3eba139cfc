"""Each demo meeting, in all four formats, holds every fact of its seed protocol in the seed's order.

The facts are phrases of the seed protocols (../shared/seeds, text taken from
the PDFs) in the order the seed prints them. Where the seed's text has an
extraction glitch the demo transcription corrected ("digital mögnad",
"adpetprogram", "Anmäلت"), the fact is written as corrected. Layout that is
the seed's and not a fact (the sub-item letter "a)", the column glitch of
Närvarande) is not asserted; the name and its role are, in order.
"""

from __future__ import annotations

from functools import cache

import pytest
from docs_readback import assert_in_order, docx_body, html_text, md_text, norm, pdf_body
from docs_sample import demo

from cesam_docs import FORMATS, Provenance, first_number, protocol, render
from store.core.codec import content_hash

COMMIT = "0" * 40


@cache
def body(date: str, fmt: str) -> str:
    config, meetings = demo()
    meeting = meetings[date]
    first = first_number(meeting, config.group(meeting.group), meetings.values())
    document = protocol(meeting, config, Provenance(COMMIT, content_hash(meeting)), first=first)
    data = render(document, fmt)
    if fmt == "pdf":
        return pdf_body(data, marking=document.frame.marking)
    if fmt == "docx":
        return docx_body(data)
    if fmt == "html":
        return html_text(data)
    return md_text(data)


SEED_2021_06_15 = [
    "Protokoll",
    "Centrala samverkansgruppen den 15 juni 2021",
    "Närvarande",
    *("Magnus Gyllestad", "Kommunstyrelseförvaltningen, ordf."),
    *("Gunilla Ejefors Lublin", "Kommunstyrelseförvaltningen, sekreterare"),
    *("Magnus Lundberg", "Kommunstyrelseförvaltningen, punkt 3"),
    *("Johan Westin", "Kommunstyrelseförvaltningen, punkt 4"),
    *("Ann-Sofie Källman", "Kommunstyrelseförvaltningen, punkt 5 a"),
    *("Håkan Persson", "Kommunstyrelseförvaltningen, punkt 5 a"),
    *("Michael Karlsson", "Kultur och fritidsförvaltningen, punkt 5 a"),
    *("Mimmi Larsson", "Tornberget, punkt 5 a"),
    *("Emma Norman", "Social- och äldreförvaltningen, punkt 5 a"),
    *("Mette Bungerfeldt", "Kommunstyrelseförvaltningen, punkt 6 a"),
    *("Pernilla Alpsten", "Kommunstyrelseförvaltningen, punkt 6 b"),
    *("Magnus Strömbeck", "Kommunstyrelseförvaltningen, punkt 6 b"),
    *("Mikael Blomberg", "Kommunstyrelseförvaltningen, punkt 7"),
    *("Xerxes Fallah", "Ordförande Vision"),
    *("Alexandra Eldstål", "Ordförande Kommunal"),
    *("Mats Pettersson", "Ordförande Lärarförbundet"),
    *("Lena Possbeck", "Ordförande Lärarnas Riksförbund"),
    *("Johanna Andersson", "SACO"),
    "Anmält förhinder",
    *("Henrik Engebretzen", "Ordförande Sveriges skolledarförbund"),
    *("Céline Stöldal", "SSR"),
    *("1.", "Val av justeringsman", "Alexandra Eldstål och Lena Possbeck valdes att justera dagens protokoll."),
    *("2.", "Föregående sammanträdesprotokoll", "Protokollet lades till handlingarna."),
    *("3.", "Genomgång av ”restlistan”", "Arbetsgivaren redovisade status på ”restlistan”"),
    "Riktlinjer i KIA, arbetet pågår",
    "Avslutningssamtal för analys.",
    "Samverkan i processen nya lokaler. Arbetet fortskrider.",
    "Handlingsplanen årlig uppföljning",
    "Standardprotokoll i samverkan/arbetsmiljö.",
    "Dialogronden är klar",
    "Utvecklade rutiner för kränkande särbehandling",
    "Samverkansutbildningen.",
    "Uppföljning av handlingsplanen ”årlig uppföljning” sker i december.",
    *("4.", "Budgetfrågor", "årets prognos för hela året ligger på 159 miljoner"),
    *("Gymnasie- och vuxenutbildningsnämnden", "-199 806", "-486 588", "-491 088", "-4 500", "-0,9%"),
    *("Resultat 2021", "314 491", "133 040", "159 040"),
    "Sammanfattningsvis håller våra verksamheter sin budget.",
    "Corona relaterade kostnader",
    *("Äldrenämnden", "-7 336", "Summa Ansvarsstruktur", "-8 168"),
    *("5.", "Koncernövergripande frågor", "Kvalitetsdialog digital mognad"),
    "Dimios Digital mognad i offentlig sektor",
    *("Effektivitet", "Teknik", "Innovation", "Balansering", "Användare", "Organisation"),
    "Haninge som koncern har ett mått om 43 procent.",
    *("Nyttokalkyler", "Omvärldsbevakning", "Arbetssätt innovation och ständiga förbättringar"),
    "informerade om olika aktiviteter som pågår inom verksamheterna, se bilaga 1.",
    *("Byte av telefoner", "behöver byta SIM kort"),
    *("6.", "Arbetsmiljö", "Arbetsgivaren samverkade att avtal har tecknats med Previa"),
    "De fackliga parterna hade inget att erinra om arbetsgivarens beslut.",
    "Arbetsgivaren informerade om arbetet kring återtagande till arbetsplatserna",
    "se bilaga 2.",
    "Förslag till beslut KDLG den 15 juni",
    "From den 16 september 2021 gäller återgång till distansarbete",
    "I de fall koncernövergripande uppdrag kräver fysisk närvaro",
    "Beslutet ska gälla under ett år",
    "Distansarbete utreds också i samband med eventuellt nytt kommunhus",
    "Vision lyfte att de ser positivt på arbetsgivarens förslag",
    "Läraryrket vill gärna att utbildningsförvaltningen fortsätter med riskbedömningar",
    *("7.", "Upphandling (information samverkan inför beslut kommer vid nästa möte)"),
    "Arbetsgivaren samverkade sitt förslag till beslut avseende SUN 2.0.",
    "De fackliga organisationerna hade inget att erinra om arbetsgivarens förslag.",
    "Arbetsgivaren samverkade halvårsuppdatering av samverkanslistan för upphandlingar hösten 2021.",
    "Under denna punkt hade kommunal lyft följande frågor:",
    "Kollektivavtal för låstjänster. Arbetsgivaren svarar att det ingår i kontroll av leverantör",
    "Administrativa frågor där arbetsgivaren svarar att närhetsprincipen ska gälla",
    "Det bör finnas en utpekad funktion som ha ansvar för avtalet",
    "Arbetsgivaren svarade att detta är en gränsdragningsfråga",
    "Parterna gick igenom upphandlingslistan, se bilaga 3.",
    *("8.", "Frågor från de fackliga organisationerna", "Inga frågor var anmälda av de fackliga organisationerna."),
    *("9.", "Övriga frågor", "Kommundirektören önskade alla en härlig sommar"),
    *("10.", "Nästa möte", "Nästa möte är den 24 augusti 2021 kl 13.00-15.30."),
    "Justeras:",
    *("Magnus Gyllestad", "Kommundirektör", "Alexandra Eldstål", "Kommunal", "Lena Possbeck", "Lärarnas riksförbund"),
]

SEED_2022_09_20 = [
    "Protokoll",
    "Centrala samverkansgruppen den 20 september 2022",
    "Närvarande",
    *("Magnus Gyllestad", "Kommundirektör, mötesordförande"),
    *("Gunilla Ejefors Lublin", "Kommunstyrelseförvaltningen, sekreterare"),
    *("Johan Westin", "Kommunstyrelseförvaltningen, punkt 3 a och"),
    *("Karolina Landowska", "Kommunstyrelseförvaltningen, punkt 3 a och"),
    *("Mette Bungerfeldt", "Kommunstyrelseförvaltningen, punkt 5 a"),
    *("Xerxes Fallah", "Ordförande Vision"),
    *("Lena Possbeck", "Ordförande Lärarnas Riksförbund"),
    *("Ester Hreinsson", "SSR, from punkt 5"),
    *("Mats Pettersson", "Ordförande Lärarförbundet"),
    *("Alexandra Eldstål", "Ordförande Kommunal"),
    *("Johanna Andersson", "Ordförande Saco"),
    *("1.", "Val av justeringsman", "Alexandra Eldstål och Johanna Andersson valdes att justera dagens protokoll."),
    *("2.", "Föregående sammanträdesprotokoll", "Protokollet lades till handlingarna."),
    *("3.", "Budgetfrågor", "Allmänna ekonomifrågor", "bilaga 1", "Genomgång av T2 koncernen", "bilaga 1"),
    *("4.", "Arbetsmiljöfrågor", "Återkoppling avseende hantering av uppdrag ventilationsfrågan skolor"),
    "Arbetsgivaren redovisade att UBF har fått ett uppdrag av CESAM att hantera frågan.",
    "Punkten sätts därför upp på vår ”longlist”.",
    "Återkoppling hantering av implementeringen av UNIKUM",
    "synpunkter från de fackliga lärarorganisationerna, se bilaga 2.",
    "Arbetsgivaren skickar ned frågan för hantering till UBF",
    "Parterna enades dock om att förvaltningsdirektören för UBF ger CESAM en återkoppling",
    *("5.", "Koncernövergripande frågor", "Nya mallar för mål och resultatdialog", "bilaga 3"),
    "Arbetsgivaren samverkade sitt förslag till kvalitetsförbättring",
    "Efter ett antal synpunkter från de fackliga organisationerna så samverkades punkten i enighet.",
    *("Redovisning av resvaneundersökningen", "Punkten flyttades till sammanträdet i oktober."),
    *("6.", "Upphandling", "Status i upphandlingsärenden:"),
    "Enkätverktyg är ännu inte upphandlat",
    "Möbler (SKI) avsåg önskemål om att få mer info om",
    "Förmansportalen är upphandlad och klar.",
    "Arbetsgivaren kommer att lyfta möbelupphandlingen vid mötet i oktober.",
    *("7.", "Frågor från de fackliga organisationerna"),
    "Vision: Vision ser att el- och energipriserna har ökat kraftigt under året.",  # the seed: the name twice
    "Vision föreslår därför arbetsgivaren att inventera vilka energibesparingsåtgärder",
    "Arbetsgivaren föreslår att denna punkt redovisas när revisionsrapporten till KS är klar",
    "Vill lyfta behovet av ett mentor- och adeptprogram.",
    "Arbetsgivaren har förberett frågan och avser att informera om detta vid nästa möte.",
    "Vill anmäla en punkt som avser Haninge kommuns krisplan avseende översvämning.",
    "Arbetsgivaren kommer att återkomma när punkten kan hanteras.",
    *("8.", "Övriga frågor", "Information kring arbetsmiljön kommunhuset."),
    *("Bakgrund", "I somras hittades missfärgningar på rörledningar", "svartmögel i ett av 5 undersökta rum"),
    *("Varför har en missfärgning uppstått", "SBB (fastighetsägaren) anmälde under sommaren problem med kondens"),
    *("Vilka åtgärder har vi nu påbörjat", "Lokalförsörjningsenheten (LFE), har den 20 sept informerat SBB"),
    "Serviceenheten dokumenterar alla anmälda fall",
    "Beställning av nya undersökningar/mätningar görs av SBB",
    "Enligt samtal med SBB och deras representant Mikael Borenstam",
    "Naturligtvis behöver en sanering av ytorna",
    *("Kommunikation", "Ett kommunikationspaket planeras till anställda i kommunhuset"),
    "HR direktören kommer att ha löpande information",
    *("9.", "Nästa möte", "Nästa möte är den 25 okt september 2022 kl. 14.30 -17.00."),
    *("Justeras:", "Magnus Gyllestad", "Kommundirektör", "Alexandra Eldstål", "Kommunal"),
    *("Johanna Andersson", "Saco"),
    *("Underskrifter", "Johanna Andersson", "2022-09-30 11:14:01", "Magnus Gyllestad", "2022-10-12 10:00:25"),
]

SEED_2023_09_05 = [
    "Protokoll",
    "Centrala samverkansgruppen den 5 september 2023",
    "Närvarande",
    *("Magnus Gyllestad", "Kommundirektör, mötesordförande"),
    *("Margareta Jarnevall", "Kommunstyrelseförvaltningen, sekreterare"),
    *("Johan Westin", "Kommunstyrelseförvaltningen, punkt 3"),
    *("Oskar Spanne", "Kommunstyrelseförvaltningen, punkt 4 a"),
    *("Bo Jensen", "Kommunstyrelseförvaltningen, punkt 4 b"),
    *("Mikael Birgegård", "Kommunstyrelseförvaltningen, punkt 4 c"),
    *("Mette Bungerfeldt", "Kommunstyrelseförvaltningen, punkt 5"),
    *("Jenny Tornmalm", "Kommunstyrelseförvaltningen, punkt 5"),
    *("Klas Sandberg", "Kommunstyrelseförvaltningen, punkt 6"),
    *("Mats Pettersson", "Ordförande Sveriges Lärare"),
    *("Alexandra Eldstål", "Ordförande Kommunal"),
    *("Lena Possbeck", "Ordförande Sveriges Lärare"),
    *("Johanna Andersson", "SACO"),
    *("Ester Hreinsson", "SSR"),
    *("Xerxes Fallah", "Ordförande Vision"),
    *("1.", "Val av justeringsman", "Alexandra Eldstål och Lena Possbeck valdes att justera dagens protokoll."),
    *("2.", "Föregående sammanträdesprotokoll", "Protokollet lades till handlingarna."),
    *("3.", "Ekonomi och styrfrågor"),
    "Arbetsgivaren redovisade uppföljning och prognos gällande juli, se bilaga 1.",
    *("4.", "Koncernfrågor"),
    "Information lämnades om digitaliseringsprogrammet, se bilaga 2.",
    "En nulägesbild har skapats baserat på dialoger med medarbetare",
    "Målbilden för programmet är att ”Haninge kommun har en hög förmåga att förbättra sina verksamheter",
    "Förslag lämnades kring facklig samverkan i programmet, att samverkan sker",
    "kontinuerligt genom Cesam",
    "Kommunal frågade om huruvida styrkor med nuvarande sätt att hantera frågan observeras?",
    "Arbetsgivaren svarade att en stor förståelse finns i organisationen",
    "Vision anser att målbilden med digitaliseringen är otydlig. Vad menas med digital mognad?",
    "De efterfrågar istället begreppet ”digital nyfikenhet”",
    "Arbetsgivaren tar till sig synpunkten i fortsatt arbete.",
    "Sveriges lärare ställer sig positiva till programmet och en förenkling av tekniken.",
    "Bakgrund gällande syfte och uppföljning av tjänsteman i beredskap (TIB)",
    "se bilaga 3.",
    "Syftet med TIB och KIB har uppnåtts",
    "SSR efterfrågade hur samverkan gått med andra kommuner?",
    "Arbetsgivaren anser att denna samverkan fungerat mycket väl.",
    "Vision efterfrågade om TIB:en har ett extra mandat i frågan om att ta beslut?",
    "Arbetsgivaren svarade att det finns möjlighet att se över denna fråga",
    "En organisationsförändring gällande fritidsverksamhet som berör både Utbildningsförvaltningen (UBF)",
    "se bilaga 4.",
    "Verksamheten bedrivs idag av KOF på uppdrag av UBF.",
    "Förslaget innebär att öppen fritidsverksamhet för mellanstadielever i 10–13 års åldern",
    "samtliga berörda tjänster blir deltidstjänster på 80 %",
    "Sex medarbetare på KOF erbjuds tjänst på UBF.",
    "Förändringen innebär ej utökade kostnader för UBF.",
    "Kommunal påtalade att förslaget om att omvandla heltidstjänster till deltidstjänster",
    "Fackliga parter efterfrågade ett förtydligande gällande de ekonomiska konsekvenserna",
    "Fackliga parter ställde sig oeniga gentemot arbetsgivarens förslag till beslut.",
    *("5.", "Arbetsmiljöfrågor"),
    "Information lämnades om medarbetarkompassens APT-material och dialogkort",
    "se bilaga 5.",
    "En kommunikationsplan har tagits fram.",
    "Förslag lämnades om att godkänna framtaget APT-material och dialogkort.",
    "Fackliga parter biföll arbetsgivarens förslag till beslut, uppföljning av denna ska ske",
    *("6.", "Upphandling", "Information lämnades om upphandlingar hösten 2023, se bilaga 6"),
    "Juridiska informationstjänster",
    "Yrkeskläder och skor (kommer ej upphandlas i egen regi)",
    "Konsulttjänster inom ledarskap och chefsstöd",
    "Personal- och lönesystem",
    "Lokalvård Haninge kommun - flera objekt (ej aktuell)",
    "Kommunal frågar om hur den fackliga påverkansmöjligheten enligt § 38 MBL tas om hand?",
    "Arbetsgivaren återkommer om frågan.",
    *("7.", "Fackliga frågor"),
    "Anmäld av Sveriges lärare: Hur säkrar vi en professionell hantering av mötesinbjudningar/kallelser?",
    "Det händer allt för ofta att inbjudan inte speglar mötet",
    "Syftet bör framgå i kallelsen.",
    "Arbetsgivaren tar med sig frågan och återkommer.",
    "Vision efterfrågar datum för CESAM under 2024",
    "Arbetsgivaren återkommer med datum för CESAM våren 2024 snarast möjligt.",
    *("8.", "Övriga punkter", "Övriga punkter saknades"),
    *("9.", "Nästa möte", "Nästa CESAM är den 3 oktober 2023."),
    *("Justeras:", "Magnus Gyllestad", "Kommundirektör", "Alexandra Eldstål", "Kommunal"),
    *("Lena Possbeck", "Sveriges lärare"),
    "Bilagor",
    "1) CESAM – Uppföljning och prognos juli",
    "2) CESAM – Digitaliseringsprogrammet",
    "3) CESAM – Bakgrund och uppföljning av TIB och KIB",
    "4) CESAM – Omorganisation av fritidsverksamhet från KOF till UBF",
    "5) CESAM – APT material & dialogövningar medarbetarkompassen",
    "6) CESAM – Upphandlingar hösten 2023",
    *("Underskrifter", "Alexandra Eldstål", "2023-09-13 13:06:16", "Lena Possbeck", "2023-09-13 13:09:36"),
    *("Magnus Gyllestad", "2023-09-15 12:41:42"),
]

SEEDS = {"2021-06-15": SEED_2021_06_15, "2022-09-20": SEED_2022_09_20, "2023-09-05": SEED_2023_09_05}


def test_every_seed_has_its_demo_meeting() -> None:
    assert sorted(demo()[1]) == sorted(SEEDS)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("date", sorted(SEEDS))
def test_demo_protocol_holds_the_seed_in_order(date: str, fmt: str) -> None:
    assert_in_order(body(date, fmt), SEEDS[date], f"{date}.{fmt}")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_demo_protocol_ends_with_the_stamp(fmt: str) -> None:
    _, meetings = demo()
    text = body("2023-09-05", fmt)
    assert_in_order(text, ["Bilagor", COMMIT, content_hash(meetings["2023-09-05"])], fmt)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("date", ["2021-06-15", "2022-09-20"])
def test_a_justerat_protocol_prints_only_the_signed_text(date: str, fmt: str) -> None:
    """No follow-up the secretary tracks for the restlista is added to what was approved."""
    text = norm(body(date, fmt))
    for added in ("Följs upp på restlistan", "Uppföljning från", "(senast "):
        assert norm(added) not in text, (date, fmt, added)
    # 2021 § 3 is the restlista as the meeting went through it: printed once
    assert text.count(norm("Riktlinjer i KIA")) == (1 if date == "2021-06-15" else 0)
