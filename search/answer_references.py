"""Document references in a question: a document named by its title, number, issuer or a run of its title words scopes
the question to that document (or says the store lacks it), and the reference is taken out of the measure's words.

A part of :class:`search.answerers.Answerers` (which holds the read model, ranker and parser its methods use); the
answer sentences come from the templates of :mod:`search.answer_text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ingest.doctypes import document_type, genres_conflict
from ingest.regions import groups_named, short_name
from search.answer import Answer
from search.answer_room import AnswerRoom
from search.answer_text import (
    ASKED_AS_ITSELF_RE,
    ATTACHMENT_PATH_RE,
    ISSUER_SELF_RE,
    ISSUING_WORDS_RE,
    LEVEL_OPENING_RE,
    MIN_DOC_REF,
    MIN_MEASURE_NAME,
    NOT_STORED_EDITION,
    NOT_STORED_ORDINAL_EDITION,
    QUOTED_OPENER_RE,
    RE_CLOSING_QUALIFIERS,
    RE_DOC_TYPE_END,
    RE_IMPLEMENTING_TYPE,
    RE_TITLE_COMMON_WORDS,
    STORED_TITLE_SHARE,
    UNLISTED_ZONE_RE,
    _longest_common,
    _names_document,
    _ngrams,
    _title_bigrams,
    _without_title_runs,
    attachment_title,
    drop_doc_number,
    drop_reference,
    issued_by_place,
    issuer_names,
    share_in_title,
)
from search.docref import (
    DocumentReference,
    MIN_TITLE_SHARE,
    asked_genre_of,
    edition_not_stored,
    find_doc_numbers,
    place_after_references,
    resolve_reference,
    strongest_title_match,
    title_fragments,
    type_only_reference,
)
from search.question import QuestionFrame, normalise, opens_with_national_issuer
from search.readmodel import RE_CONTENT, bigrams

# the stored documents whose attachments may hold a quoted title: the few whose own titles share most of its words (at
# least this share: 169 若干意见's title holds 0.4 of "冶金、建材重点行业严格能效约束推动节能降碳行动方案")
ATTACHING_DOCS = 5
ATTACHING_TITLE_SHARE = 0.3


# question words that make a phrase ending in a document type a question about a scope, not a title ("东北三省还有哪些地方
# 也出台了…实施方案", "西北地区有没有城市编制了…规划"; a title's own 印发 / 发布 are no such words, nor is a title in 《》)
GROUP_AS_SCOPE_RE = re.compile(r"还有|哪些|哪个|哪几|有没有|是否|也(?:出台|编制|印发|制定|发布)")

class ReferenceAnswers(AnswerRoom):
    """The reading of a document reference in a question (a part of :class:`search.answerers.Answerers`; the
    shared helper it calls — whether a document writes a phrase — is declared in :class:`search.answer_room.AnswerRoom`)."""

    other_title_share: float
    other_title_min_bigrams: int
    title_run_names: int

    def titled_by_run(self, frame: QuestionFrame, doc_ids: Sequence[str]) -> tuple[str, ...]:
        """The documents whose title shares with the question a run of at least ``title_run_names`` characters (years
        and level words not counted; ``title_run_names``, fitted) that no other stored title holds, the longest such run of
        the documents given: the question names each of them."""
        kw = "".join(RE_CONTENT.findall(normalise(frame.question)))
        runs: dict[str, str] = {}
        for doc_id in doc_ids:
            title = "".join(RE_CONTENT.findall(normalise(self.model.docs[doc_id].title)))
            common = _longest_common(kw, title)
            if len(RE_TITLE_COMMON_WORDS.sub("", common)) >= self.title_run_names:
                runs[doc_id] = common
        if not runs:
            return ()
        # the longest run names the document; a shorter one of another title is the genre's common wording (碳达峰碳中和实施)
        longest = max(len(r) for r in runs.values())
        return tuple(
            d for d, r in runs.items()
            if len(r) == longest and sum(r in normalise(t) for t in self.model.doc_titles.values()) == 1
        )

    def unstored_quoted_title(self, frame: QuestionFrame, *, cited: bool = False) -> str | None:
        """The title a question quotes in 《》 as the document it asks about ("陕西省《控制甲烷排放实施方案》对…定了什么目标")
        when no stored title holds enough of it (:data:`search.docref.MIN_TITLE_SHARE`) and no document of the question's
        scope (the national documents when it names no place) cites it: that document is not stored. None otherwise (a
        referenced or cited title, a doc number). With
        ``cited``, such a title that a document of the scope does cite (its figures are not in the citing text)."""
        m = self.model
        if frame.referenced or frame.intent == "similar_measures" or find_doc_numbers(frame.question):
            return None
        if frame.region_mentioned and not frame.region_known:
            return None  # (a place's documents are read to see whether they cite it; the whole store is not)
        # a title quoted with no place ("教育部印发的《…实施方案》里…"): a national document's, which the national
        # documents would cite
        scope = m.scope_docs(frame, include_sub=True) if frame.region else m.docs_of("全国")
        words = [w for w in (frame.region, frame.region_mentioned) if w]
        for frag, span in title_fragments(frame.question):
            if not span.startswith("《") or not RE_DOC_TYPE_END.search(normalise(frag)):
                continue  # (a quoted standard or catalogue name — 《绿色工厂评价要求》 — is no document asked about)
            # (a stored title of the other genre does not hold it: a rule is not named by a plan's title, as in
            # :func:`search.docref.resolve_reference` — 《…先行区促进条例》 beside the stored …先行区实施方案)
            asked_genre = asked_genre_of(frag)
            titles = {d: t for d, t in m.doc_titles.items() if not genres_conflict(asked_genre, document_type(t))}
            # (a qualifier closing the quoted title — （征求意见稿）, （试行）, a year — is no word a stored title must hold:
            # "《河北省促进绿色消费实施方案（征求意见稿）》" is the stored 河北省促进绿色消费实施方案)
            bare = RE_CLOSING_QUALIFIERS.sub("", normalise(span))
            share, _docs, matched = strongest_title_match(bare, titles, words, min_bigrams=self.other_title_min_bigrams)
            if matched == "" or share >= MIN_TITLE_SHARE:
                continue
            # (a plan issued as a stored document's attachment, of the same genre word, is stored: "《冶金、建材重点行业严格
            # 能效约束推动节能降碳行动方案（2021-2025年）》", 附件1 of 169 若干意见 — not a 管理办法 by an attached 指引, nor a
            # 实施方案 by its attached 编制指南)
            shares = {d: share_in_title(bare, t) for d, t in titles.items()}
            near = [d for d in sorted(shares, key=lambda d: -shares[d])[:ATTACHING_DOCS] if shares[d] >= ATTACHING_TITLE_SHARE]
            # (the quote ends with a type word, so its genre is never "": an untyped opening — 名词解释, a table's header — is
            # never of it)
            same_genre = {c: t for c, t in self.attachment_titles(near).items() if document_type(t) == asked_genre}
            attached, _docs, _matched = strongest_title_match(bare, same_genre, words, min_bigrams=self.other_title_min_bigrams)
            if attached >= MIN_TITLE_SHARE:
                continue
            if not cited and self.asked_as_itself(frame, span):
                return frag  # the question opens with it and asks what it says ("《…暂行办法》（省政府令第371号）对…怎么规定")
            if self.mentioned_in(scope, frag) is not cited:
                continue  # a document of the scope cites it: the question asks about what it says of it
            return frag
        return None

    def attachment_titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The titles the documents' attachments open with (:func:`search.answer_text.attachment_title`), by the
        attachment's opening clause (path 附件N), in the documents' order; read document by document (the per-query read
        model loads only the documents asked for)."""
        return {
            c.clause_id: title
            for d in doc_ids
            for c in self.model.by_doc.get(d, [])
            if ATTACHMENT_PATH_RE.match(c.path or "") and (title := attachment_title(c.text or ""))
        }

    def asked_as_itself(self, frame: QuestionFrame, span: str) -> bool:
        """Whether the question opens with the quoted title ``span`` (按照 / 根据 … and the question's place before it at
        most) and asks what that document says (its number in brackets, then 对…, 规定, 要求 …: "《湖北省碳排放权管理和交易
        暂行办法》（省政府令第371号）对碳排放配额分配是怎么规定的"): the document asked about is that one, not a stored
        one that cites it."""
        text = unicodedata.normalize("NFKC", frame.question)
        at = text.find(span)
        if at < 0 or not ASKED_AS_ITSELF_RE.match(text[at + len(span) :]):
            return False
        before = QUOTED_OPENER_RE.sub("", text[:at])
        places = {p for w in (frame.region, frame.region_mentioned) if w for p in (w, short_name(w))}
        return before == "" or before in places

    def own_title_resolved_below(self, asked: QuestionFrame, frame: QuestionFrame) -> str | None:
        """The documents (as "place的《title》" text) that a title the question gives as its place's own resolved to when
        all of them are plans of places inside it that the question does not write, else None: the place's own document
        is not stored ("《黑龙江省绿色建筑创建行动实施方案》" read as 哈尔滨's plan of that name; "河北省人民政府《关于建立健全…
        实施意见》" as 石家庄's and 邯郸's). The title is the place's own when it opens with the place's name or the place's
        name or government stands right before its 《》."""
        m = self.model
        place = asked.region
        if not place or place == "全国" or not asked.region_known or not frame.referenced:
            return None
        below = [d for d in frame.referenced if d in m.docs]
        if not below or any(
            m.docs[d].region == place or self.place_written(m.docs[d].region, asked.question) for d in below
        ) or not all(m.region_descendant(m.docs[d].region, place) for d in below):
            return None
        text = normalise(asked.question)
        short = short_name(place)
        names = tuple(n for n in (place, short) if len(n) >= 2)
        # the place, or its government, written right before the 《
        quoted = [(mq.start(), mq.group(1)) for mq in re.finditer(r"《([^》]{2,80})》", text)]
        if not any(title.lstrip("“\"").startswith(names) or issued_by_place(text[:at], names) for at, title in quoted):
            return None
        return "、".join(f"{m.docs[d].region}的《{m.doc_titles[d]}》" for d in below[:3])

    def title_of_another_place(self, frame: QuestionFrame) -> tuple[str, ...] | None:
        """The documents of other places whose title the question writes ("北京市能源发展“十四五”规划里…" with only
        上海市能源发展“十四五”规划 stored), when the question's place has none by that title: its plan is not stored,
        and another document of the place must not stand in for it. None when the question names a stored document of
        its place (or a number, or asks for similar plans), or the title is not specific enough."""
        m = self.model
        if frame.intent == "similar_measures" or not frame.region or frame.region == "全国":
            return None
        if not frame.region_known or find_doc_numbers(frame.question) or len(set(frame.regions_mentioned)) > 1:
            return None  # (several places asked: each answers for itself)
        words = [w for w in (frame.region, frame.region_mentioned) if w]
        share, docs, frag = strongest_title_match(
            frame.question, m.doc_titles, words, min_bigrams=self.other_title_min_bigrams
        )
        if share < self.other_title_share or not docs:
            return None
        if frame.referenced:
            # a reference the place's own plans did not resolve, its places' did ("山东省“十四五”海洋生态环境保护规划" read
            # as 济宁's and 德州's 生态环境保护规划, 海洋 left over) stands only when it matches as well as the other titles
            if any(m.docs[d].region == frame.region for d in frame.referenced if d in m.docs):
                return None
            named, _docs, _frag = strongest_title_match(
                frame.question, {d: m.doc_titles[d] for d in frame.referenced if d in m.doc_titles}, words,
                min_bigrams=self.other_title_min_bigrams,
            )
            if named >= share:
                return None
        own = set(m.scope_docs(frame, include_sub=True))
        # the place's own plans by that title; a plan of a place inside it is not the place's ("甘肃省“十四五”生态环境
        # 保护规划" with only 白银市's stored: the province's plan is missing, the city's does not stand in for it)
        if any(d in m.docs and m.docs[d].region == frame.region for d in docs):
            return None
        # the place's own documents speak of it ("沈阳市碳排放配额分配方案" is what 沈阳's 办法 charges its bureau to make):
        # a measure asked about, not a plan missing from the store
        written = re.sub(r"[“”\"《》〈〉]", "", frag)
        if len(normalise(written)) >= 4 and self.mentioned_in(own, written):
            return None
        # another place's plan (or a plan of a place inside the asked one), not a national one or one of a region that
        # holds the asked place — unless the place's own implementation of it is asked ("重庆市关于深入打好污染防治攻坚战的
        # 实施意见" beside the national 关于深入打好污染防治攻坚战的意见 only)
        own_implementation = self.own_implementation_written(frame, frag)
        # (the place written as the title's own first words, "广东省减污降碳协同增效实施方案中…": the place's plan of that
        # name is asked, which a national plan of the name does not stand in for)
        titled_by_place = self.place_opens_title(frame, written)
        for d in docs:
            region = m.docs[d].region if d in m.docs else ""
            if region in ("", "全国") or m.region_descendant(frame.region, region):
                if own_implementation and RE_IMPLEMENTING_TYPE.search(normalise(m.doc_titles.get(d, ""))) is None:
                    continue
                if titled_by_place and region == "全国":
                    continue
                return None
        return docs

    def place_opens_title(self, frame: QuestionFrame, written: str) -> bool:
        """Whether the question writes its place right before the title words ``written`` and opens with them, as one
        title ("广东省减污降碳协同增效实施方案中，…": the place's own plan of that name), not a place and a plan apart
        ("广东落实《减污降碳协同增效实施方案》…")."""
        question = normalise(frame.question)
        title = normalise(written)
        for place in (w for w in (frame.region_mentioned, frame.region) if w):
            place = normalise(place)
            if title.startswith(place):
                title = title[len(place):]
            if len(title) >= 4 and question.startswith(place + title):
                return True
        return False

    def own_implementation_written(self, frame: QuestionFrame, fragment: str) -> bool:
        """Whether the question writes ``fragment`` (a title's words) as its place's own implementing document: the place
        (or its government or office) right before it, and the type an implementing one (实施意见, 实施方案, 实施细则)."""
        if not fragment or not RE_IMPLEMENTING_TYPE.search(normalise(fragment)):
            return False
        text = normalise(frame.question)
        at = text.find(normalise(fragment))
        if at < 0:
            return False
        names = tuple(n for n in (frame.region, short_name(frame.region)) if n and len(n) >= 2)
        return issued_by_place(text[:at], names)

    def other_edition(self, frame: QuestionFrame, answer: Answer) -> Answer | None:
        """"未收录" for a question about an edition of a yearly document the store does not hold, whose answer came from
        another year's edition ("2023年全国节能宣传周…" answered from the 2022 notice) or that found nothing while the store
        holds one other edition of it, else None. A doc number decides the document on its own, and a target question's
        target year is no edition ("2025年…目标")."""
        if (answer.found and not answer.evidence) or find_doc_numbers(frame.question):
            return None
        edition = edition_not_stored(frame.question, self.model.doc_titles)
        if edition is None:
            return None
        asked, others = edition
        # (a year written with 年度 is an edition's, never a target's: "2022年度…申报指南中…拟支持几个项目"; a target's year
        # is written as one to reach or a deadline — "到2025年…", "2023年底前…" — not before the document's name:
        # "江苏省生态环境厅2023年推动碳达峰碳中和工作计划中，…覆盖多少家企业" asks the 2023 edition)
        question = normalise(frame.question)
        if (
            asked.isdigit() and frame.intent == "target_value" and frame.year == int(asked) and f"{asked}年度" not in question
            and re.search(rf"(?:到|至|截至|截止|(?<!关)于|在|力争){asked}年|{asked}年(?:底|末|前|以前|之前|内)", question)
        ):
            return None
        if answer.found:
            clause = self.model.clauses.get(answer.evidence[0].clause_id)
            doc_id = clause.doc_id if clause is not None else ""
        else:
            # (a refusal names the one other edition the store holds of the place asked — a national one when none is,
            # never another place's notice of the same kind: "2021、2022年度…分配实施方案" asked, 2019-2020's held)
            own = [d for d in others if self.model.docs[d].region == (frame.region or "全国")]
            doc_id = own[0] if len(own) == 1 else ""
        if doc_id not in others:
            return None
        template = NOT_STORED_ORDINAL_EDITION if asked.startswith("第") else NOT_STORED_EDITION
        text = template.format(asked=asked, stored=others[doc_id], title=self.model.doc_titles[doc_id])
        return Answer(frame.question, frame.intent, False, text)

    def title_share(self, phrase: str) -> float:
        """The largest share of a phrase's bigrams that one stored title holds."""
        bg = bigrams(phrase)
        if not bg:
            return 0.0
        return max((len(bg & _title_bigrams(t)) / len(bg) for t in self.model.doc_titles.values()), default=0.0)

    @staticmethod
    def place_written(region: str, question: str) -> bool:
        """Whether the question writes the place, in full or by its short form (浦东新区 as 浦东)."""
        short = short_name(region) if region else ""
        return bool(region) and (region in question or (len(short) >= 2 and short in question))

    def apply_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Scope a question that names a document (number or title) to it, and drop the reference words.

        The question is parsed again without the reference so the title's words do not drive clause
        matching; the region becomes the named documents' region when they share one.
        """
        m = self.model
        if (unstored := self.group_plan_unstored(frame)) is not None:
            return unstored
        region_words = [w for w in (frame.region, frame.region_mentioned) if w]
        # a named region scopes title references (宜昌's 生态环境保护规划 is not 郑州's); an uncovered
        # region leaves nothing in scope
        in_scope = (m.scope_docs(frame) if frame.region_known else []) if frame.region else None
        if frame.region and not frame.region_known:
            # a place no document covers may still name a plan by its title ("江北新区碳达峰行动计划", stored
            # under 南京市): the documents whose titles name it are in scope
            written = frame.region_mentioned or frame.region
            in_scope = [d for d, title in m.doc_titles.items() if written and written in title]
        if frame.region == "全国" and any(r and r != "全国" for r in frame.regions_mentioned):
            # "国家支持宁夏建设…先行区的实施方案": a national plan for a named place, stored under that place
            in_scope = None

        def named_in(scope: list[str] | None) -> DocumentReference:
            return resolve_reference(
                frame.question, m.doc_titles, m.doc_numbers, lambda: m.doc_headers, region_words, scope,
                self.parser.synonyms,
            )

        ref = named_in(in_scope)
        if (
            not ref.doc_ids
            and frame.region
            and frame.region_known
            and frame.intent != "similar_measures"
            and title_fragments(frame.question)  # (cheap: only a question naming some title asks for the places')
        ):
            # a region's question may name a document of one of its places ("上海人大…通过的浦东绿色金融规定", stored
            # under 浦东新区): the places' documents, when the region's own name none (not for similar measures: the
            # places' plans like the region's are what such a question seeks)
            own = set(in_scope or ())
            below = [d for d in m.scope_docs(frame, include_sub=True) if d not in own]
            got = named_in(below) if below else ref
            # (by title, only a place the question writes: "甘肃省“十四五”生态环境保护规划" is the province's own plan,
            # not 白银市's of that title; a number names its document wherever it was issued)
            if got.kind != "title" or all(self.place_written(m.docs[d].region, frame.question) for d in got.doc_ids if d in m.docs):
                ref = got
        if (
            not ref.doc_ids
            and frame.region
            and frame.intent != "similar_measures"
            and title_fragments(frame.question)
            and (outer := m.enclosing_docs(frame.region, frame.regions_mentioned))
        ):
            # a place's question may name a plan of the province that holds it ("厦门…这块，福建省海洋规划里写的是
            # 谁来牵头"; 厦门 need not have plans of its own): the documents of the enclosing regions it names, when
            # neither the place's nor its places' name one
            ref = named_in(outer)
        if (
            not ref.doc_ids
            and frame.region
            and frame.region != "全国"
            and frame.intent != "similar_measures"
            and (
                (frame.region_known and any(opens_with_national_issuer(frag) for frag, _span in title_fragments(frame.question)))
                or place_after_references(
                    frame.question, (frame.region_mentioned, frame.region, short_name(frame.region) if frame.region else "")
                )
            )
        ):
            # a national document named by its national issuer and title while a place is named inside the measure
            # asked about ("交通运输部2021年度节能低碳技术推广目录里，郑州氢燃料电池公交车应用项目…": the project's city,
            # not the document's region), or named by its title first with the place written only after it
            # ("交通运输行业重点节能低碳技术推广目录（2021年度）里，秦皇岛港…", 秦皇岛 with no documents of its own):
            # the national documents, when neither the place's nor its provinces' name one
            ref = named_in(m.docs_of("全国"))
        if not ref.doc_ids and frame.region and frame.region_known and frame.intent != "similar_measures" and in_scope:
            # "福建省的条例对…": the region's one document of the type named
            ref = type_only_reference(frame.question, m.doc_titles, in_scope, region_words)
        if (
            ref.doc_ids and ref.kind == "title" and frame.intent != "similar_measures"
            and (measures := self.measure_names(frame))
            and len(measures) == len(title_fragments(frame.question))
        ):
            # a title only like the plan's name the question writes, which a clause writes as a measure: no reference;
            # the documents whose clauses write it hold the measure (a question also naming a stored title keeps it:
            # "《碳排放权交易管理办法（试行）》规定的…分配方案由谁制定")
            writing = tuple(d for d in m.scope_docs(frame) if any(self.mentioned_in([d], name) for name in measures))
            # (only the named document writing it is that document's own full title in its preamble, which the stored
            # title shortens: "《深圳市工业和信息化局支持…扶持计划操作规程》" of 110, stored without its issuer — a reference)
            if not set(writing) <= set(ref.doc_ids):
                return replace(self.joint_plans(self.without_doc_numbers(frame)), doc_ids=writing)
        if not ref.doc_ids:
            if frame.region and not frame.region_known and in_scope:
                zone = self.zone_named_in_title(frame, in_scope)
                if zone is not None:
                    return zone
            return self.joint_plans(self.without_doc_numbers(frame))
        text = unicodedata.normalize("NFKC", frame.question)
        for written in [w for w, _ in find_doc_numbers(text)]:  # a doc number beside a title reference
            # with the document-type word and locative right after it ("渝环〔2021〕111号办法里"): all reference
            text = drop_doc_number(text, written)
        titles = [m.docs[d].title for d in ref.doc_ids if d in m.docs]
        for span in ref.spans:
            while span and span in text:
                text = drop_reference(text, span, titles)
        # who issued it and "印发的规划" say which document, not which measure: gone with the reference
        for doc_id in ref.doc_ids:
            for issuer in re.split(r"[、，,\s]+", m.docs[doc_id].issuer if doc_id in m.docs else ""):
                if len(issuer) >= 3:
                    text = text.replace(issuer, " ")
        text = ISSUING_WORDS_RE.sub(" ", text)
        regions = {m.docs[d].region for d in ref.doc_ids if d in m.docs}
        doc_region = regions.pop() if len(regions) == 1 else None
        stripped = self.parser.parse(text)
        if stripped.region is None and doc_region and doc_region != "全国":
            # the region was written inside the reference ("上海市公共机构…方案里市经信委…"): keep it
            # for the agency and region words of the rest
            stripped = self.parser.parse(doc_region + "，" + text)
        region = doc_region or stripped.region
        if frame.intent == "similar_measures":
            # "…方案有哪些可以参考": the title is the theme of a similar-plans question, and what is left
            # ("有哪些可以参考") no longer reads as one
            stripped = replace(stripped, intent=frame.intent)
        if not stripped.agency and len(ref.doc_ids) == 1 and ISSUER_SELF_RE.search(normalise(frame.question)):
            # "…通知里，部里自己牵头的是哪一部分": the department that issued the named document speaks of itself
            body = self.issuing_body(ref.doc_ids[0])
            if body is not None:
                stripped = replace(stripped, agency=body, intent=self.parser.intent_of(normalise(frame.question), True))
        if frame.intent == "agency_duties" and frame.agency and not stripped.agency:
            # the agency asked about is the document's issuer, whose name went with the reference ("上海市生态环境局在
            # …通知里，自己牵头抓的是哪一项工作"): it is still the one asked about
            stripped = replace(stripped, intent=frame.intent, agency=frame.agency)
        return replace(
            stripped,
            question=frame.question,
            region=region or None,
            region_mentioned=stripped.region_mentioned or frame.region_mentioned,
            region_known=True,
            doc_ids=ref.doc_ids,
            referenced=ref.doc_ids,
        )

    def issuing_body(self, doc_id: str) -> str | None:
        """The stored agency that issued a document (its first issuer; a ministry's 办公厅 stands for the ministry, as
        its notices' "我部" does), or None."""
        doc = self.model.docs.get(doc_id)
        first = next(iter(issuer_names(doc.issuer if doc else "")), "")
        names = {a.name for a in self.model.agencies}
        for name in (first, re.sub(r"(?:办公厅|办公室)$", "", first)):
            if name and name in names:
                return name
        return None

    def zone_named_in_title(self, frame: QuestionFrame, titled: list[str]) -> QuestionFrame | None:
        """A place without documents written as the start of a zone a stored title names ("广州开发区建充电桩…", the plan
        of 广州市黄埔区 广州开发区 广州高新区): the question is about the documents whose titles hold the longest such run
        (at least two characters past the place), and the run is no content."""
        written = frame.region_mentioned or frame.region or ""
        text = unicodedata.normalize("NFKC", frame.question)
        at = text.find(written) if written else -1
        if at < 0:
            return None
        runs: dict[str, int] = {}
        for doc_id in titled:
            title = unicodedata.normalize("NFKC", self.model.doc_titles.get(doc_id, ""))
            n = len(written)
            while at + n < len(text) and text[at : at + n + 1] in title:
                n += 1
            # the run goes two characters past the place ("广州" + "开发区"), or the place is a zone of its own that
            # no gazetteer lists, written whole in the title ("江北新区" in "南京江北新区碳达峰…行动计划")
            if n >= len(written) + 2 or (n == len(written) and UNLISTED_ZONE_RE.search(written)):
                runs[doc_id] = n
        if not runs:
            return None
        longest = max(runs.values())
        docs = tuple(sorted(d for d, n in runs.items() if n == longest))
        zone = text[at : at + longest]
        regions = {self.model.docs[d].region for d in docs if d in self.model.docs}
        stripped = self.parser.parse(text.replace(zone, " "))
        return replace(
            stripped,
            question=frame.question,
            intent=frame.intent,
            region=regions.pop() if len(regions) == 1 else frame.region,
            region_mentioned=zone,
            region_known=True,
            doc_ids=docs,
        )

    def group_plan_unstored(self, frame: QuestionFrame) -> QuestionFrame | None:
        """A question whose title names a group of regions ("沪苏浙皖联合印发的长三角地区碳达峰碳中和联合行动方案里…") when no
        stored title names that group: the group's plan is not stored — another group's plan of the same name
        (成渝地区双城经济圈…联合行动方案) does not answer for it. None when the question names no such title."""
        question = unicodedata.normalize("NFKC", frame.question)
        groups = groups_named(question) if frame.intent != "similar_measures" else []
        if not groups:
            return None
        # (the group opening a title, not a scope asked about: "东北三省还有哪些地方也出台了…实施方案")
        fragments = self.group_title_fragments(question)
        for group in groups:
            named = self.form_in_titles(group.forms, fragments)
            if named and not self.group_docs(group.forms):
                return replace(frame, region_mentioned=named, region_known=False)
        return None

    def group_docs(self, forms: Iterable[str]) -> tuple[str, ...]:
        """The stored documents whose titles name a group of regions by one of its ``forms`` (成渝地区双城经济圈…)."""
        forms = tuple(forms)
        return tuple(sorted(d for d, title in self.model.doc_titles.items() if any(f in title for f in forms)))

    @staticmethod
    def form_in_titles(forms: Iterable[str], fragments: list[str]) -> str | None:
        """The first of a group's ``forms`` written inside one of the question's title ``fragments``, or None."""
        return next((f for f in forms if any(f in frag for frag in fragments)), None)

    @staticmethod
    def group_title_fragments(question: str) -> list[str]:
        """The question's title fragments that may name a group's own plan: every one quoted in 《》, and the others that
        hold no question word (:data:`GROUP_AS_SCOPE_RE`)."""
        return [
            frag for frag, span in title_fragments(question)
            if span.lstrip().startswith("《") or not GROUP_AS_SCOPE_RE.search(frag)
        ]

    @staticmethod
    def place_inside_group_measure(question: str, frame: QuestionFrame, forms: Iterable[str], fragments: list[str]) -> bool:
        """Whether the place the question names (one no document covers) is written after the group word and outside
        every title fragment, inside the measure asked ("川渝两地协同建设…开州—达州国家级页岩气示范区"), not the place asked
        about ("达州市落实成渝…的碳达峰实施方案里…")."""
        place = frame.region_mentioned or frame.region or ""
        at = question.find(place) if place else -1
        group_at = min((question.find(f) for f in forms if f in question), default=-1)
        return 0 <= group_at < at and not any(place in frag for frag in fragments)

    def joint_plans(self, frame: QuestionFrame) -> QuestionFrame:
        """A question naming a group of regions by one word and no place ("川渝两地…牵头单位分别是谁") is
        answered from the stored plans whose titles name that group (成渝地区双城经济圈…联合行动方案); one asking for
        the group's own plan ("京津冀…联合行动方案里…") when none is stored is not in the corpus."""
        # (a place no document covers, written inside the measure — "川渝两地协同建设…开州—达州国家级页岩气示范区" — yields to
        # the group)
        if (frame.region is not None and frame.region_known) or frame.doc_ids:
            return frame
        question = unicodedata.normalize("NFKC", frame.question)
        groups = groups_named(question)
        if not groups:
            return frame
        fragments = self.group_title_fragments(question)
        for group in groups:
            if frame.region is not None and not self.place_inside_group_measure(question, frame, group.forms, fragments):
                continue
            docs = self.group_docs(group.forms)
            if docs:
                return replace(frame, doc_ids=docs, region_known=True)
            named = self.form_in_titles(group.forms, fragments)
            if named:
                # the group's own plan ("京津冀协同推进…联合行动方案") is asked for and none is stored: its members'
                # plans do not answer for it
                return replace(frame, region_mentioned=named, region_known=False)
        return frame

    def without_doc_numbers(self, frame: QuestionFrame) -> QuestionFrame:
        """A question whose doc number names no stored document, parsed again without it: a doc number
        ("市政发〔2021〕21号") is never what a clause is about (the question's region and intent stay)."""
        written = [w for w, _ in find_doc_numbers(frame.question)]
        if not written:
            return frame
        text = unicodedata.normalize("NFKC", frame.question)
        for w in written:
            text = drop_doc_number(text, w)  # "西安市政府市政发〔…〕21号印发的" -> "西安市政府印发的": issuing words
        stripped = self.parser.parse(ISSUING_WORDS_RE.sub(" ", text))
        return replace(
            stripped,
            question=frame.question,
            intent=frame.intent,
            region=frame.region,
            region_mentioned=frame.region_mentioned,
            regions_mentioned=frame.regions_mentioned,
            region_known=frame.region_known,
        )

    def measure_names(self, frame: QuestionFrame) -> list[str]:
        """The plans' names the question writes that no stored title holds but a clause of its scope writes
        ("河北的碳达峰碳中和技术攻关实施方案由哪个部门来编制": 290's clause charges 省科技厅 to compile it; "全国碳市场的碳排放配额
        总量确定与分配方案是哪个部门制定的": the 管理办法's 第十四条 says who makes it): measures asked about, not
        references to documents."""
        return [
            frag for frag, _span in title_fragments(frame.question)
            if len(normalise(frag)) >= MIN_MEASURE_NAME
            # (not a stored title: a plan's own preamble writes its title too; "国家碳达峰行动方案" is the stored
            # 2030年前碳达峰行动方案 named with its level)
            and self.title_share(LEVEL_OPENING_RE.sub("", frag)) < STORED_TITLE_SHARE
            and self.mentioned_in(self.model.scope_docs(frame), frag)
        ]

    def strip_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Remove words naming a document (its title) from the clause-matching keywords.

        "太原市“十四五”节能减排实施方案由哪个部门负责解释" names the plan; its title words occur in
        every clause and would drown "负责解释". A common substring of >= 6 characters, or of
        >= 4 ending in a document-type word (方案/计划…), counts as naming the document; the
        scope is then narrowed to the documents named.
        """
        kw = frame.keywords
        if not frame.doc_ids and self.measure_names(frame):
            return frame
        kw_grams = _ngrams(kw, MIN_DOC_REF)
        # every title's run is measured against the question as asked (not as left by another title's run)
        runs: dict[str, int] = {}
        titles: dict[str, str] = {}
        for doc_id in self.model.scope_docs(frame):
            title = "".join(RE_CONTENT.findall(normalise(self.model.docs[doc_id].title)))
            if not kw_grams & _ngrams(title, MIN_DOC_REF):
                continue  # no common run as long as the shortest name: nothing to find (cheap, per title)
            common = _longest_common(kw, title)
            if _names_document(common):
                runs[doc_id], titles[doc_id] = len(RE_TITLE_COMMON_WORDS.sub("", common)), title
        named = list(runs)
        if frame.intent == "similar_measures" and runs:
            # "国管局印发了2022年公共机构…工作安排，有哪些省份出了类似的…": the title holding the longest run is the
            # document asked about; titles holding a piece of it (山东's 2022年…工作要点) are what the question seeks
            longest = max(runs.values())
            named = [d for d, n in runs.items() if n == longest]
        if not named:
            return frame
        core = frame.core
        for doc_id in named:
            kw = _without_title_runs(kw, titles[doc_id], self.ranker.segment)
            core = _without_title_runs(core, titles[doc_id], self.ranker.segment)
        return replace(frame, keywords=" ".join(kw.split()), core=" ".join(core.split()), doc_ids=tuple(named))
