"""Speaker constructions handled by sources/speakers*.py, each as it occurs in two outlet styles.

The sentences are written for these tests; people and bodies named in them are invented.
"""

from __future__ import annotations

import pytest

from tests.records import names


def speakers(rec) -> list[str | None]:
    return [names(rec, q.speaker)[0] if q.speaker else None for q in rec.quotes]


@pytest.mark.parametrize("text", [
    # daily style: a day word between the verb and the speaker
    "« Ce budget est un renoncement », a lancé mardi la députée Claire Valmont devant l'hémicycle.",
    # Lebanese daily style
    "« Nous ne céderons pas », a affirmé jeudi le député Karim Haddad, à la sortie du Parlement.",
])
def test_day_word_before_the_subject_of_an_incise_is_not_the_speaker(article, text):
    got = speakers(article(text))
    assert len(got) == 1 and got[0] is not None and got[0].split()[-1] in text and got[0][0].isupper()
    assert got[0] not in ("mardi", "jeudi")


@pytest.mark.parametrize(("text", "who"), [
    # Canadian radio style
    ("La ministre Sarah Dewilde a rencontré les maires. « Le dossier avance », a-t-il averti plus tard "
     "le porte-parole Marc Olier. « Nous serons prêts », a-t-il ajouté.", "Olier"),
    # African news site style
    ("Le général Idriss Mahamat a visité le camp mardi. « La situation est sous contrôle », a-t-il assuré.",
     "Mahamat"),
])
def test_inverted_pronoun_incise_goes_to_the_last_person_named(article, text, who):
    got = speakers(article(text))
    assert got and got[-1] is not None and who in got[-1]


@pytest.mark.parametrize(("text", "who"), [
    # Belgian daily style: the person named after the verb, not the country in the subject
    ("La Belgique va augmenter son aide, a annoncé la ministre, Sarah Dewilde. "
     "« C'est un devoir », a-t-elle insisté.", "Dewilde"),
    # wire style
    ("Le Canada rappelle son ambassadeur, a indiqué la ministre des Affaires étrangères, Mélanie Joly-Arnaud. "
     "« La ligne rouge est franchie », a-t-elle déclaré.", "Joly"),
])
def test_a_person_named_after_the_verb_is_the_next_pronouns_speaker(article, text, who):
    got = speakers(article(text))
    assert got and got[-1] is not None and who in got[-1]
