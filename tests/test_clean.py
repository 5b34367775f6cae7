"""Cleaning on articles written for these tests in the habits of scraped news pages."""

from selon.clean import canonical_outlet, clean, iso_date
from selon.ingest import Document

PAGE = """Monde

Le ministre libanais des Affaires étrangères reçu à Amman

Foreign ministers pose for a family photo during the summit at the Dead Sea on May 3, 2024. (Reuters photo)
Le ministre lors de son arrivée à l'aéroport. ©Petra/Archives

Le ministre libanais des Affaires étrangères a été reçu lundi à Amman par son homologue jordanien, a rapporté l'agence officielle Petra.

Lire aussi : Le Liban et la Jordanie signent un accord sur l'électricité

Les deux hommes ont évoqué la situation à la frontière syrienne et le retour des réfugiés.

Partager Cet Article
SOURCE: AGENCE FRANCE-PRESSE
"""


def cleaned(text: str, **meta):
    doc = Document.from_text(text, path="t.txt")
    doc.meta.update({"language": "fr", **meta})
    return doc, clean(doc)


def removed_texts(doc, c):
    return {r.kind: [doc.text[r.start:r.end] for r in c.removed if r.kind == r.kind] for r in c.removed}


def test_page_boilerplate_removed_as_spans():
    doc, c = cleaned(PAGE)
    kinds = {doc.text[r.start:r.end][:20]: r.kind for r in c.removed}
    assert kinds["Monde"] == "header"
    assert kinds["Foreign ministers po"] == "caption"
    assert kinds["Le ministre lors de "] == "caption"
    assert kinds["Lire aussi : Le Liba"] == "related"
    assert kinds["Partager Cet Article"] == "share"
    assert kinds["SOURCE: AGENCE FRANC"] == "source-line"
    assert c.title == "Le ministre libanais des Affaires étrangères reçu à Amman"
    assert c.outlet == "AFP"
    assert "Dead Sea" not in c.body and "Partager" not in c.body and "Lire aussi" not in c.body
    assert "a été reçu lundi à Amman" in c.body and "réfugiés" in c.body


def test_offsets_stay_true_and_mask_keeps_length():
    doc, c = cleaned(PAGE)
    assert len(c.analysis_text) == len(doc.text)
    for r in c.removed:
        assert c.analysis_text[r.start:r.end].strip() == ""
    assert "Dead Sea" not in c.analysis_text
    start, end = c.title_span
    assert doc.text[start:end] == c.title


def test_leading_date_marker_is_the_publication_date():
    doc, c = cleaned(" date 2024-02 Le Hamas rejette la proposition de trêve\n\nLe mouvement a rejeté mardi le texte.")
    assert c.published == "2024-02"
    assert c.title == "Le Hamas rejette la proposition de trêve"
    assert c.removed[0].kind == "header"


def test_embed_caption_with_platform_word():
    text = ("Tensions à la frontière\n\nLe chef de l'armée a inspecté les positions mercredi.\n\n"
            "Twitter Rencontre entre le chef d'état-major et des officiers au poste frontière.\n\n"
            "Les patrouilles ont été renforcées selon un communiqué.")
    doc, c = cleaned(text)
    assert [r.kind for r in c.removed] == ["caption"]
    assert "Twitter" not in c.body


def test_author_bio_and_byline():
    text = ("Élections au Sénégal : la campagne s'ouvre\n\nPar Marie Diallo\n\n"
            "La campagne électorale s'est ouverte dimanche dans un climat tendu, selon les observateurs.\n\n"
            + "Les candidats ont promis des débats télévisés. " * 3 + "\n\n"
            "Marie Diallo est journaliste indépendante, basée à Dakar depuis 2015.")
    doc, c = cleaned(text)
    kinds = [r.kind for r in c.removed]
    assert kinds == ["byline", "author-bio"]


def test_published_line_and_url_outlet():
    text = ("Le Parlement adopte la réforme\n\nPublié le 15 mai 2021 à 10h30\n\n"
            "Le Parlement a adopté la réforme par 300 voix contre 250, ont indiqué des sources parlementaires.\n\n"
            "https://www.lemonde.fr/politique/article/2021/05/15/reforme.html")
    doc, c = cleaned(text)
    assert c.published == "2021-05-15"
    assert c.outlet == "Le Monde"


def test_given_metadata_wins():
    doc, c = cleaned(PAGE, outlet="Petra", published="2024-05-06T08:00:00", title="Titre donné")
    assert c.outlet == "Petra" and c.published == "2024-05-06" and c.title == "Titre donné"


def test_paragraph_first_line_is_not_a_title():
    text = ("Un incendie a ravagé un entrepôt à Lyon dans la nuit. Les pompiers sont intervenus rapidement. "
            "Aucune victime n'est à déplorer selon la préfecture.")
    doc, c = cleaned(text)
    assert c.title is None and "incendie" in c.body


def test_helpers():
    assert canonical_outlet("FRENCH PRESS TV") == "Press TV"
    assert canonical_outlet("Agence France-Presse") == "AFP"
    assert canonical_outlet("Inconnu Hebdo") == "Inconnu Hebdo"
    assert iso_date("2023-04") == "2023-04" and iso_date("mai 2021") == "2021-05"
    assert iso_date("mardi 15 mai") is None  # no year: never guessed


def test_cleaning_never_raises_on_odd_strings():
    for text in ["\n\n\n", "a", "©", "Lire aussi :", "SOURCE:", "date 2023-04", "\u2028\u2029x", "Twitter X"]:
        doc, c = cleaned(text)
        assert len(c.analysis_text) == len(text)


def test_impossible_or_endless_dates_are_not_dates():
    assert iso_date("2023-02-30") is None and iso_date("2023-13") is None and iso_date("0000-00-00") is None
    assert iso_date("2024-02-29") == "2024-02-29"
    assert iso_date("x" + " " * 20_000 + "2021") is None  # untrusted metadata: refused, not parsed for seconds


def test_bare_read_also_takes_a_headline_not_a_paragraph():
    para = ("Les deux ministres ont signé un accord. Ils se reverront à Madrid en juin, selon le communiqué "
            "publié à l'issue de la rencontre.")
    doc, c = cleaned(f"Titre de l'article\n\nLire aussi :\n{para}\n\nLire aussi :\nLe Maroc et l'Espagne rouvrent "
                     "la frontière\n\nFin de l'article, une phrase de plus pour le corps du texte.\n")
    assert para in c.body and "rouvrent" not in c.body


def test_hostile_first_line_and_long_lines_are_cheap():
    import time

    t0 = time.perf_counter()
    for text in ["date" + " " * 100_000 + "x", "Par" + " " * 590 + "!\nTexte.", "Publié" + " " * 594 + "\n§"]:
        doc, c = cleaned(text)
        assert len(c.analysis_text) == len(text)
    assert time.perf_counter() - t0 < 5


# -- page habits beyond the basics: each test is one family of boilerplate or metadata signal --------------

def _kinds(doc, c):
    return {doc.text[r.start:r.end]: r.kind for r in c.removed}


BODY = ("Le conseil municipal a voté mardi soir le budget de la nouvelle médiathèque, après trois heures "
        "de débats, a indiqué la mairie dans un communiqué publié mercredi.\n\n"
        "L'opposition a dénoncé un projet trop coûteux et réclame un référendum local.\n")


def test_standalone_date_lines_give_the_publication_date():
    for line, day in [("Mercredi 4 septembre 2024, 08:30", "2024-09-04"),
                      ("22 novembre 2023 - 17:05", "2023-11-22"),
                      ("sept. 3, 2024 09:12 Europe/Brussels", "2024-09-03"),
                      ("Grenoble, 14 février 2025", "2025-02-14"),
                      ("Le 1er mars 2024 à 7h45", "2024-03-01"),
                      ("06/11/2022", "2022-11-06")]:
        doc, c = cleaned(f"Gazette\n\nLa médiathèque de Grenoble votée au forceps\n\n{line}\n\n{BODY}")
        assert c.published == day, line
        assert _kinds(doc, c)[line] == "byline"
        assert line not in c.body


def test_numeric_dates_are_read_day_first():
    doc, c = cleaned(f"Budget voté à Tulle\n\nPublié le 03/04/2024 à 21h48\n\n{BODY}")
    assert c.published == "2024-04-03"
    doc, c = cleaned(f"Budget voté à Tulle\n\nPublié le : 11/02/2024 - 06:20\n\n{BODY}")
    assert c.published == "2024-02-11"


def test_sentences_with_a_year_are_not_date_lines():
    text = f"Budget voté à Tulle\n\nLe projet date de 2019.\n\nLa ville de Tulle, 2024\n\n{BODY}"
    doc, c = cleaned(text)
    assert c.published is None
    assert "Le projet date de 2019." in c.body


def test_section_label_under_the_date_is_page_head():
    doc, c = cleaned(f"Titre de la page\n\n12 mars 2024 - 10:02\nPolitique locale\n\n{BODY}")
    assert _kinds(doc, c)["Politique locale"] == "header"
    assert c.body.startswith("Le conseil municipal")


def test_share_widgets_with_separators_and_counters():
    for line in ["Partager : Messenger | X | E-mail", "Partager sur X Copier le lien", "Commentaires (128)",
                 "Réagir (3)"]:
        doc, c = cleaned(f"Titre de la page\n\n{BODY}\n{line}\n")
        assert _kinds(doc, c)[line] == "share", line


def test_prompts_paywall_feedback_and_footer_lines():
    lines = ["Inscrivez-vous à notre lettre quotidienne", "Newsletter Europe : chaque lundi, le meilleur de la semaine",
             "Recevez gratuitement nos alertes info", "Article réservé aux abonnés", "Il vous reste 70 % de cet article à lire.",
             "Cet article vous a-t-il été utile ? Oui Non", "Rejoignez notre groupe Signal",
             "Suivez-nous sur Bluesky", "Tous droits réservés", "Mentions légales"]
    for line in lines:
        doc, c = cleaned(f"Titre de la page\n\n{BODY}\n{line}\n")
        assert _kinds(doc, c).get(line) in ("other", "share"), line
        assert line not in c.body and "médiathèque" in c.body


def test_a_paragraph_about_a_newsletter_stays():
    para = ("La mairie a lancé en janvier une lettre d'information municipale, distribuée chaque mois dans les "
            "boîtes aux lettres de la ville, pour présenter les travaux en cours.")
    doc, c = cleaned(f"Titre de la page\n\n{BODY}\n{para}\n")
    assert para in c.body


def test_wire_credits_and_staff_credit_lines():
    for line in ["Avec agences", "(avec AFP)", "Avec l'AFP et Reuters",
                 "(Reportage Karim Benali ; rédigé par Anne Morel, édité par Luc Girard)",
                 "(Reporting by Jane Doe; Editing by John Smith)"]:
        doc, c = cleaned(f"Titre de la page\n\n{BODY}\n{line}\n")
        assert _kinds(doc, c).get(line) == "byline", line
    doc, c = cleaned(f"Titre de la page\n\n{BODY}\n(Le maire a démissionné depuis.)\n")
    assert "(Le maire a démissionné depuis.)" in c.body


def test_video_and_gallery_captions():
    for line in ["Vidéo Les pompiers luttent contre les flammes sur les hauteurs de Marseille",
                 "Diaporama Les images de la crue de la Garonne"]:
        doc, c = cleaned(f"Titre de la page\n\n{BODY}\n{line}\n\nUne dernière phrase pour finir l'article.\n")
        assert _kinds(doc, c).get(line) == "caption", line


def test_outlet_from_a_site_header_written_as_a_brand():
    doc, c = cleaned(f"AlAlam\n\nTitre de la page sur la médiathèque\n\n{BODY}")
    assert c.outlet == "Al-Alam"
    doc, c = cleaned(f"Société\n\nTitre de la page sur la médiathèque\n\n{BODY}")
    assert c.outlet is None  # a section name is not an outlet


def test_outlet_from_a_closing_copyright_line():
    doc, c = cleaned(f"Titre de la page\n\n{BODY}\n© Le Journal du Ventoux\n")
    assert c.outlet == "Le Journal du Ventoux"
    doc, c = cleaned(f"Titre de la page\n\n{BODY}\n© 2024 Agence Tasnim. Tous droits réservés.\n")
    assert c.outlet == "Tasnim"
    doc, c = cleaned(f"Titre de la page\n\n{BODY}\n© AFP/Archives\n")
    assert c.outlet is None  # a photo credit names no publisher


def test_dateline_outlet_after_removed_head_lines():
    text = ("International\n\nLe Japon relève son taux directeur\n\nPublié le 19/03/2024 à 08h12\n\n"
            "A trader looks at screens showing the Nikkei index at a brokerage in Tokyo. (Photo d'archives)\n\n"
            "TOKYO, 19 mars (AFP) - La Banque du Japon a relevé mardi son taux directeur pour la première fois "
            "depuis dix-sept ans, mettant fin à sa politique de taux négatifs.\n")
    doc, c = cleaned(text)
    assert c.outlet == "AFP" and c.published == "2024-03-19"
