#!/usr/bin/env python3
"""Builds data/lexicon.fst, the spacing lexicon, from hazm's and shekar's MIT-licensed word lists.

    python scripts/build_lexicon.py                  # downloads hazm==0.10.0 and shekar==1.7.0 with pip
    python scripts/build_lexicon.py --hazm-data DIR  # DIR holds words.dat and verbs.dat
    python scripts/build_lexicon.py --shekar-data DIR  # DIR holds compound_words.csv, verbs.csv

Sources (see NOTICE): words.dat (word, frequency, POS tags) and verbs.dat (past#present stems)
from the hazm 0.10.0 wheel on PyPI (MIT, roshan-research); compound_words.csv (compounds written
with ZWNJ) and verbs.csv (present,past stems) from the shekar 1.7.0 wheel on PyPI (MIT, Ahmad
Amirivojdan), and its vocab.csv (words with counts: a second frequency signal). From the stems
the script generates the inflected verb forms in standard spelling
(می‌/نمی‌ with ZWNJ, ن/ب prefixes, person endings, participles, perfect forms with
‌ام/‌ای/‌ایم/‌اید/‌اند, imperatives, infinitives, preverb forms). shekar's verb stems add only
forms whose key hazm's data does not have; a hazm ZWNJ form that shekar's compound list has too
gets the `confirmed` flag, and shekar's compounds count towards the `productive` flag (see the
value layout); they are not added as words of their own: the list holds many ezafe phrases
(جمهوری‌اسلامی، میراث‌فرهنگی، تیم‌ملی). hazm's hundreds with a ZWNJ (نه‌صد) are read joined.

The artefact is an fst Map (crate `fst`). Key: the word with every ZWNJ removed (the "joined
key"). Value (u64), see src/spacing/lexicon.rs:
  bits  0..8   plain_q  frequency class of the form written without ZWNJ (0 absent, 1 freq 0)
  bits  8..16  zw_q     frequency class of the best form written with ZWNJ (0 absent)
  bits 16..32  zw_mask  bit i set: a ZWNJ follows char i+1 of the key in that form
  bits 32..38  vocab_q  class of the key's count in shekar's vocab.csv (0 absent, else
               1 + round(2 * log2(count + 1)), at most 63): a second frequency signal
  bit  38      confirmed  shekar's compound list has that ZWNJ form too
  bit  39      productive  at one of the ZWNJs of that form, the right part ends at least
               PRODUCTIVE_RIGHT compounds or the left part starts PRODUCTIVE_LEFT (counted over
               shekar's compound list and hazm's non-verb ZWNJ forms with a real frequency): a
               compound-forming head or modifier (ـنامه، ـخانه، ـآباد، ـسوار; هفت، کم، خوش)
  bits 40..52  plain_pos POS bits of the plain form
  bits 52..64  zw_pos    POS bits of the ZWNJ form
Frequency class: 1 for frequency 0, else 2 + round(4 * log2(freq + 1)), at most 255.
The fst is written by `cargo run --example build_lexicon_fst` (same crate), so the build is
reproducible from the pinned wheel.
"""
import argparse
import collections
import math
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ZWNJ = "\u200c"
NONJOIN = set("اآأإدذرزژوؤ")
LETTERS = set("ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") | {"ة"}
POS_BITS = {"N": 0, "AJ": 1, "ADV": 2, "PRO": 3, "DET": 4, "P": 5, "CONJ": 6, "NUM": 7,
            "CL": 8, "RES": 9, "PL": 10, "V": 11}
POS_ALIAS = {"AJC": "AJ", "POSTP": "P", "PR": "PRO", "PS": "PRO", "NIN": "N", "COMP": "AJ",
             "INT": "RES", "ZVR": "RES"}
MAX_CHARS = 16
CONFIRMED = 1 << 38
PRODUCTIVE = 1 << 39
PRODUCTIVE_RIGHT = 5
PRODUCTIVE_LEFT = 50
HAZM = "hazm==0.10.0"
SHEKAR = "shekar==1.7.0"
HUNDREDS = re.compile("^(یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه)" + ZWNJ + "صد")
ROOT = Path(__file__).resolve().parent.parent


def clean(w):
    w = w.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    w = "".join(c for c in w if not ("\u064b" <= c <= "\u065f" or c in "\u0670\u0640"))
    # no ZWNJ after non-joining letters, none doubled or at the edges
    out = []
    for c in w:
        if c == ZWNJ and (not out or out[-1] == ZWNJ or out[-1] in NONJOIN):
            continue
        out.append(c)
    while out and out[-1] == ZWNJ:
        out.pop()
    return "".join(out)


def key_mask(w):
    key, mask, n = [], 0, 0
    for c in w:
        if c == ZWNJ:
            if n == 0 or n > MAX_CHARS:
                return None
            mask |= 1 << (n - 1)
        else:
            key.append(c)
            n += 1
    return "".join(key), mask


def fq(freq):
    return 1 if freq <= 0 else min(255, 2 + round(4 * math.log2(freq + 1)))


def pos_bits(tags):
    b = 0
    for t in tags.split(","):
        t = POS_ALIAS.get(t, t)
        if t in POS_BITS:
            b |= 1 << POS_BITS[t]
    return b


class Lex:
    def __init__(self):
        self.e = {}  # key -> [plain_q, zw_q, zw_mask, plain_pos, zw_pos, confirmed]
        self.vocab = {}  # key -> vocab_q (keys of the lexicon only)
        # (left, right) part counts of shekar's compounds
        self.heads = (collections.Counter(), collections.Counter())

    def add(self, word, q, pos):
        word = clean(word)
        # hundreds are written joined (نهصد، یکصد): hazm's «نه‌صد» reads the ه of نه as silent
        word = HUNDREDS.sub(r"\1صد", word)
        if not word or any(c not in LETTERS and c != ZWNJ for c in word):
            return
        km = key_mask(word)
        if km is None or len(km[0]) > 40:
            return
        key, mask = km
        e = self.e.setdefault(key, [0, 0, 0, 0, 0, 0])
        if mask == 0:
            e[0] = max(e[0], q)
            e[3] |= pos
        elif mask < (1 << MAX_CHARS):
            if e[1] == 0 or q > e[1] or (q == e[1] and (pos >> 11) & 1 and not (e[4] >> 11) & 1):
                if e[2] != mask:
                    e[4] = 0
                e[1], e[2] = q, mask
            if e[2] == mask:
                e[4] |= pos

    def items(self):
        for k in sorted(self.e, key=lambda s: s.encode("utf-8")):
            p, z, m, pp, zp, c = self.e[k]
            confirmed = CONFIRMED if c and m in c else 0
            if m and self.productive(k, m):
                confirmed |= PRODUCTIVE
            v = self.vocab.get(k, 0)
            yield k, p | (z << 8) | (m << 16) | (v << 32) | confirmed | (pp << 40) | (zp << 52)

    def productive(self, key, mask):
        left, right = self.heads
        for i in range(len(key) - 1):
            if mask >> i & 1 and (right[key[i + 1:]] >= PRODUCTIVE_RIGHT
                                  or left[key[:i + 1]] >= PRODUCTIVE_LEFT):
                return True
        return False

    def confirm(self, word):
        """Marks a ZWNJ spelling as confirmed by a second source (kept if it is the best form)."""
        word = clean(word)
        km = key_mask(word) if word else None
        if km is None or km[1] == 0 or km[0] not in self.e:
            return False
        e = self.e[km[0]]
        e[5] = (e[5] or set()) | {km[1]}
        return True


PAST_END = ["م", "ی", "", "یم", "ید", "ند"]
PERF_END = ["ام", "ای", "ایم", "اید", "اند"]
PREVERBS = ["بر", "در", "فرو", "باز", "ور", "وا", "فرا"]


PRES_END = ["م", "ی", "د", "یم", "ید", "ند"]
PRES_END_V = ["یم", "یی", "ید", "ییم", "یید", "یند"]


def pres_end(r):
    """Person endings after a present stem: with a glide after ا (آیم), both after و, whose
    spelling hides whether it is a vowel (گوید) or a consonant (شود)."""
    if r and r[-1] in "اآ":
        return PRES_END_V
    if r and r[-1] == "و":
        return PRES_END + PRES_END_V
    return PRES_END


def neg(stem, p="ن"):
    """ن or ب before a stem: «نیامد», «بیفتد»."""
    if stem.startswith("آ"):
        return p + "یا" + stem[1:]
    if stem.startswith("ا"):
        return p + "ی" + stem[1:]
    return p + stem


def verb_forms(past, pres, pre=""):
    """Inflected forms of one verb (pre = a preverb written before می/ن: «برمی‌گردد»)."""
    f = set()
    mi, nmi = pre + "می" + ZWNJ, pre + "نمی" + ZWNJ
    if past:
        for e in PAST_END:
            f |= {pre + past + e, pre + neg(past) + e, mi + past + e, nmi + past + e}
        part = past + "ه"
        for p in (pre + part, pre + neg(past) + "ه", mi + part):
            f.add(p)
            for e in PERF_END:
                f.add(p + ZWNJ + e)
        f |= {pre + past + "ن", pre + neg(past) + "ن"}
    if pres:
        for e in pres_end(pres):
            f |= {mi + pres + e, nmi + pres + e, pre + neg(pres, "ب") + e,
                  pre + neg(pres) + e, pre + pres + e}
        f |= {pre + neg(pres, "ب"), pre + neg(pres), mi + pres, nmi + pres}  # نمی‌توان
        for e in pres_end(pres)[4::6]:  # imperative plural (بروید, بگویید)
            f |= {pre + neg(pres, "ب") + e, pre + neg(pres) + e}
        if not pre:
            f.discard(pres)  # the bare present stem is often a noun; words.dat has it if so
    return f


def build(data_dir, shekar_dir=None):
    lex = Lex()
    for line in open(data_dir / "words.dat", encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        try:
            freq = int(parts[1])
        except ValueError:
            continue
        lex.add(parts[0], fq(freq), pos_bits(parts[2] if len(parts) > 2 else ""))
    stems = []
    for line in open(data_dir / "verbs.dat", encoding="utf-8"):
        line = line.strip()
        if "#" in line:
            past, pres = (clean(x) for x in line.split("#", 1))
            stems.append((past, pres))
    vq = 1 << 11
    stemset = set(stems)
    for past, pres in stems:
        for w in sorted(verb_forms(past, pres)):  # sorted: the build must not depend on hashing
            lex.add(w, 2, vq)
        for pv in PREVERBS:
            if past.startswith(pv) and (past[len(pv):], pres[len(pv):]) in stemset:
                for w in sorted(verb_forms(past[len(pv):], pres[len(pv):], pv)):
                    lex.add(w, 2, vq)
    if shekar_dir is not None:
        add_shekar(lex, shekar_dir, stemset)
    return lex


def add_shekar(lex, d, stemset):
    """shekar's verb stems (forms whose key is new only) and compound list (see the docstring)."""
    vq = 1 << 11
    stems = []
    for line in open(d / "verbs.csv", encoding="utf-8"):
        parts = line.rstrip("\n").split(",")
        if len(parts) < 2 or ZWNJ in line:
            continue
        pres, past = clean(parts[0]), clean(parts[1])
        if pres and past and past[-1] in "دت" and (past, pres) not in stemset:
            stems.append((past, pres))
    known = set(stemset) | set(stems)
    for past, pres in sorted(set(stems)):
        forms = set()
        pre = next((pv for pv in PREVERBS if past.startswith(pv) and pres.startswith(pv)
                    and (past[len(pv):], pres[len(pv):]) in known), None)
        if pre:
            forms |= verb_forms(past[len(pre):], pres[len(pre):], pre)
        else:
            forms |= verb_forms(past, pres)
        for w in sorted(forms):
            key = w.replace(ZWNJ, "")
            # a new key only, and not a listed word plus a plural (درآمدهای is درآمد + های,
            # not the perfect درآمده‌ای)
            if key not in lex.e and not any(
                    key.endswith(p) and key[:-len(p)] in lex.e for p in ("ها", "های", "هایی")):
                lex.add(w, 2, vq)
    # counts of shekar's vocabulary, for keys the lexicon has (no new keys)
    for line in open(d / "vocab.csv", encoding="utf-8"):
        w, _, c = line.rstrip("\n").rpartition(",")
        w = clean(w)
        if w and ZWNJ not in w and w in lex.e and c.isdigit():
            lex.vocab[w] = max(lex.vocab.get(w, 0), min(63, 1 + round(2 * math.log2(int(c) + 1))))
    compounds = []
    for line in open(d / "compound_words.csv", encoding="utf-8"):
        w = clean(line.strip())
        if w and "#" not in w and ZWNJ in w:
            compounds.append(w)
    # how many compounds each part starts or ends: shekar's list and hazm's ZWNJ forms with a
    # real frequency that are not verb forms
    left, right = collections.Counter(), collections.Counter()
    hazm = {"".join(c + (ZWNJ if e[2] >> i & 1 else "") for i, c in enumerate(k))
            for k, e in lex.e.items() if e[2] and e[1] >= 2 and not (e[4] >> 11) & 1}
    for w in sorted(set(compounds) | hazm):
        parts = w.split(ZWNJ)
        left[parts[0]] += 1
        right[parts[-1]] += 1
    lex.heads = (left, right)
    for w in compounds:
        lex.confirm(w)


def hazm_data(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", HAZM, "--no-deps",
                    "-d", tmp, "-q"], check=True)
    whl = next(Path(tmp).glob("hazm-0.10.0-*.whl"))
    with zipfile.ZipFile(whl) as z:
        for n in ("words.dat", "verbs.dat"):
            (Path(tmp) / n).write_bytes(z.read(f"hazm/data/{n}"))
    return Path(tmp)


def shekar_data(tmp):
    """shekar's data files: from the installed shekar 1.7.0 if present, else the PyPI wheel."""
    import importlib.metadata as md
    try:
        dist = md.distribution("shekar")
        d = Path(dist.locate_file("shekar/data/files"))
        if dist.version == SHEKAR.split("==")[1] and (d / "compound_words.csv").exists():
            return d
    except md.PackageNotFoundError:
        pass
    subprocess.run([sys.executable, "-m", "pip", "download", SHEKAR, "--no-deps",
                    "-d", tmp, "-q"], check=True)
    whl = next(Path(tmp).glob("shekar-*.whl"))
    with zipfile.ZipFile(whl) as z:
        for n in ("compound_words.csv", "verbs.csv", "vocab.csv"):
            (Path(tmp) / n).write_bytes(z.read(f"shekar/data/files/{n}"))
    return Path(tmp)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hazm-data", help="folder with words.dat and verbs.dat (default: pip download)")
    ap.add_argument("--shekar-data", help="folder with compound_words.csv and verbs.csv "
                    "(default: the installed shekar 1.7.0, else pip download)")
    ap.add_argument("--out", default=str(ROOT / "data" / "lexicon.fst"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(args.hazm_data) if args.hazm_data else hazm_data(tmp)
        sdir = Path(tmp) / "shekar"
        sdir.mkdir()
        shekar = Path(args.shekar_data) if args.shekar_data else shekar_data(str(sdir))
        lex = build(data, shekar)
        tsv = Path(tmp) / "lexicon.tsv"
        with open(tsv, "w", encoding="utf-8") as f:
            for k, v in lex.items():
                f.write(f"{k}\t{v}\n")
        subprocess.run(["cargo", "run", "--quiet", "--example", "build_lexicon_fst", "--",
                        str(tsv), args.out], check=True, cwd=ROOT,
                       env={**os.environ, "CARGO_PROFILE_DEV_OPT_LEVEL": "1"})
    print(f"{len(lex.e)} keys -> {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
