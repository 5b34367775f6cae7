"""The tense of the verb nearest a time expression, read from the words alone.

"jeudi" is last Thursday after "a eu lieu" and next Thursday after "aura
lieu": the resolver asks this reader before any parse-based hint.
"""

from __future__ import annotations

from selon.times.lexicon import Lexicon

__all__ = ["TenseReader"]

_PUNCT = ".,;:!?«»\"“”()[]…'’"
_CONDITIONAL_AUXILIARIES = frozenset({"aurait", "auraient", "serait", "seraient"})


class TenseReader:
    """+1 future, -1 past, 0 unknown, from verb forms in the clause around an expression."""

    def __init__(self, lex: Lexicon) -> None:
        self.w = lex.words
        self._future_words = frozenset(w for w in lex.future_markers if " " not in w)
        self._future_endings = tuple(lex.future_endings)
        self._past_aux = frozenset(lex.past_auxiliaries)
        self._past_adverbs = frozenset(lex.past_adverbs)
        self._participles = tuple(lex.participle_endings)
        self._irregular_participles = frozenset(lex.irregular_participles)

    def near(self, text: str, start: int, end: int) -> int:
        """The tense of the verb nearest to [start, end) in its clause: +1 future, -1 past, 0 unknown.

        A heuristic on the words ("sera", "aura lieu", "rouvrira" / "a été", "ont annoncé",
        "était"), good enough to choose between last Thursday and next Thursday.
        """
        lo = max(0, start - 120)
        hi = min(len(text), end + 120)
        left = text[lo:start]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"), left.rfind("!"), left.rfind("?"))
        if cut >= 0:
            left = left[cut + 1:]
        right = text[end:hi]
        cuts = [i for i in (right.find(". "), right.find("\n"), right.find(";"), right.find("!"), right.find("?"))
                if i >= 0]
        if cuts:
            right = right[:min(cuts)]
        lw = [w.strip(_PUNCT) for w in left.split()]
        rw = [w.strip(_PUNCT) for w in right.split()]
        if lw and lw[-1].lower() == "depuis":
            return -1  # "depuis lundi": the start of something still going on, always behind us
        # A bare participle right before the expression: "décédé jeudi", "élu le 6 mai", "publié hier".
        k = len(lw) - 1
        while k >= 0 and k >= len(lw) - 3 and lw[k] in ("le", "la", "ce", "cette", "dès", "depuis"):
            k -= 1
        if k >= 0 and self._bare_participle(lw[k]) and (k == 0 or lw[k - 1] not in self.w["determiners"]):
            return -1
        best_d, sign = 10_000, 0
        for d, i in enumerate(range(len(lw) - 1, -1, -1)):
            sgn = self.verb_sign(lw, i)
            if sgn:
                best_d, sign = d, sgn
                break
        if sign and "," in right:
            # A verb of the clause on the left wins over one after a comma: in "… dès lundi, a
            # prévenu X" and "… samedi et dimanche, a indiqué X" the reporting verb is another clause.
            rw = [w.strip(_PUNCT) for w in right[:right.index(",")].split()]
        for d, i in enumerate(range(len(rw))):
            if d >= best_d:
                break
            sgn = self.verb_sign(rw, i)
            if sgn:
                return sgn
        return sign

    def _bare_participle(self, w: str) -> bool:
        if not w.islower() or "'" in w or w in self._future_words:
            return False
        return (len(w) > 3 and w.endswith(("é", "ée", "és", "ées"))) or w in self._irregular_participles

    def verb_sign(self, words: list[str], i: int) -> int:
        """+1 if words[i] is a future verb form, -1 if it starts a past one, else 0 (lower-case words only)."""
        w = words[i]
        if not w or not w.islower():
            return 0
        if w in self._future_words or (len(w) > 4 and w.endswith(self._future_endings)):
            return 1
        if w in self._past_aux:
            for nxt in words[i + 1:i + 4]:
                if (nxt in self._past_adverbs and nxt != "été") or (len(nxt) > 6 and nxt.endswith("ment")):
                    continue
                if nxt.endswith(self._participles) and nxt not in self.w["not_participles"] and nxt.islower():
                    return -1
                break
            return 0
        if len(w) > 4 and w.endswith(("ait", "aient")) and not w.endswith(("rait", "raient")) \
                and w not in self.w["not_imperfects"]:
            return -1  # an imperfect: "était", "avait", "annonçait"
        if len(w) > 5 and w.endswith(("rait", "raient")) and w not in self.w["not_imperfects"]:
            # A conditional: "pourraient paralyser dès lundi" looks ahead; the hearsay past
            # "aurait bombardé", "serait arrivé" (avoir/être + participle) looks back.
            if w in _CONDITIONAL_AUXILIARIES:
                nxt = next((x for x in words[i + 1:i + 4] if x not in self._past_adverbs or x == "été"), "")
                return -1 if nxt.endswith(self._participles) or nxt in self._irregular_participles else 0
            return 1
        return 0
