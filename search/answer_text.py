"""Answer text: the templates every answer sentence is built from, and the question-reading helpers the answerers share
(figures asked, document-reference words, places, levels, fitted thresholds read from their data files).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.agencies import is_implementing, national_body_of_field, qualify_agencies
from ingest.doctypes import doc_type_alternation
from ingest.metadata import content_bigrams
from ingest.regions import province_of, short_name, written_alike
from search.answer import Answer, AnswerAgency, Evidence, responsibility_how
from search.docref import find_doc_numbers
from search.question import COUNT_CLASSIFIERS, QuestionFrame, TIME_LIMIT_WORDS, normalise
from search.readmodel import bigrams

if TYPE_CHECKING:
    from graph.store import AgencyRole
    from ingest.records import Target

# ----------------------------------------------------------------------------- answer text templates
# words around a document reference that name its issuing, not a measure: "国管局、发改委印发的",
# "国务院办公厅", "印发的规划", an office written X办 ("国新办2020年发布的"; not a verb's 办: 举办, 承办, 督办 …)
ISSUING_WORDS_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,12}(?:局|委|部|厅|院|政府|办公厅|办公室|(?<![举承创主督协兴申代])办)、?)*"
    r"(?:(?:19|20)\d{2}年(?:\d{1,2}月)?)?(?:联合)?"
    r"(?:印发|出台|发布|制定|下发)的?"
    r"(?:规划|方案|文件|意见|通知|计划|措施)?|(?:中共中央|国务院)(?:办公厅)?"
)
# a question asking who issued a document ("…是哪些部门联合印发的？", "…原本是由哪些部门提出的？", "…是哪个部门制定的？"):
# a who-word, then the issuing verb ends the question; or the issuing verb opening the question (or a part of it after
# a comma) right before a quoted title, and a who-word ends the question ("发布《…（2021年版）》的是哪些部门？"; not
# "牵头制定《…办法》的是哪个部门", a measure's lead)
ISSUER_QUESTION_RE = re.compile(
    r"(?:哪个|哪些|哪几个|哪家|哪一个|什么|谁)[^，,。；？?]{0,8}?(?:联合|共同)?(?:研究)?"
    r"(?:印发|发布|出台|下发|发文|制定|编制|提出|起草)(?:并?(?:发布|印发)|(?:和|及|并)(?:调整|修订|更新|发布|印发))?的?(?:吗|呢)?[？?。]?$"
    r"|(?:^|[，,。；;：:])(?:联合|共同)?(?:印发|发布|出台|下发|制定)了?(?:《[^》]{2,80}》|“[^”]{2,80}”)的(?:是|为)?"
    r"(?:哪个|哪些|哪几个|哪家|哪一个|什么|谁)(?:部门|单位|机关|部委|机构)?(?:吗|呢)?[？?。]?$"
)
# the issuing verbs themselves, which ask who issued rather than naming a measure
ISSUING_VERBS_RE = re.compile(r"联合|共同|研究|印发|发布|出台|下发|发文|制定|编制|提出|起草|调整|修订|更新|转发")
PLAN_ISSUED_BY = "{label}由{issuers}制定印发。"
# a question speaking of the issuing department as "the ministry / the department" ("部里自己牵头的是哪一部分")
ISSUER_SELF_RE = re.compile(r"(?:部|厅|局|委)里(?:自己)?|本(?:部|厅|局|委)自己|我们(?:部|厅|局|委)")
DOC_LABEL = "《{title}》{path}"  # a clause as cited: 《title》第三章四
BUNDLED_PLAN_LABEL = "《{title}》中《{plan}》{path}"  # a clause of a plan bundled with others in one document
SUBJECT = "“{heading}”"  # a clause's heading, quoted
REGION_PART = "【{region}】{answer}"  # one region's part of a multi-region answer
EMPTY_STORE = (
    "知识库中还没有文件，请先用 policykg ingest 或“导入”页添加文件。"
    " / The store holds no documents yet: add some with `policykg ingest` or the Ingest page."
)
RE_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# a question asking whom to consult, contact or send material to ("政策咨询这块归市科技局哪个处管", "摸排表要报给省里哪个
# 部门", "…类项目是市科技局哪个处室负责"): answered from the divisions a clause names for that, when it names any
CONTACT_LOOKAHEAD = 10  # how far down the ranking a contact question looks for a clause naming contacts
CONTACT_DOCS = 3  # … and in how many of the best-ranked documents it reads the contact lines for the matter asked
PARAGRAPH_PROBE = 15  # the characters of a sentence looked up in its clause's text to find its paragraph
MIN_CONTACT_MATTER = 2  # bigrams a contact line's matter must share with the question ("政策咨询": 政策, 策咨, 咨询)
# the clauses ranked first among which a plan issued as an attachment, named by its title, is looked for, and an
# attachment's opening clause (Answerers.within_attachment)
ATTACHMENT_LOOKAHEAD = 5
ATTACHMENT_PATH_RE = re.compile(r"^附件\d*$")
# what goes on an attachment's label in another attachment's path (附件1 / 附件10, 附件1 / 附件1~2), never a unit of it
ATTACHMENT_LABEL_GOES_ON = frozenset("0123456789~")
# an attachment's title spans at most this many characters (over one or two lines)
MAX_ATTACHMENT_TITLE = 60
# the clause kinds of a document's table rows (data and task tables), kept with an attachment's clauses: the tables are
# stored per document, not per attachment
TABLE_ROW_KINDS = frozenset({"row", "task"})
# the heading of a plan's organising clause, which names who carries the plan as a whole (Answerers.organising_actors)
ORGANISING_HEADING_RE = re.compile(r"^(?:加强|强化|健全|完善|做好)?(?:组织(?:领导|实施|保障|推进|协调)|统筹协调|领导)(?:机制|工作)?$")
# a State Council or Party Central issuer, whose documents address every level (Answerers.central_issuer)
STATE_COUNCIL_ISSUER_RE = re.compile(r"国务院|中共中央|中央办公厅")
# the end of a central body's name opening a title ("国家发展改革委等部门关于…", "工业和信息化部办公厅关于…")
CENTRAL_BODY_END_RE = re.compile(r"(?:部门|部|委|局|署|总局|会|银行|办公厅)$")
# a who-question that asks for a government department by that word ("由哪个部门负责", "哪些部门牵头"): bodies of other kinds
# (电网企业, 新闻媒体) a sentence charges are not what it asks for
DEPARTMENT_ASKED_RE = re.compile(r"(?:哪个|哪些|哪一个|什么|哪家|何)(?:政府)?部门(?![和与及或、]|单位)")
# a question asking which body is in charge ("…平台的主管部门是哪个", "…由哪个部门主责"), and a clause that says so ("市生态
# 环境局是“碳惠通”平台的主管部门", "绿色工地类项目主责部门为经开区开发建设局")
IN_CHARGE_ASKED_RE = re.compile(
    r"(?:主管|主责)(?:部门|单位|机关)(?:是|为)?(?:哪|谁|什么)|(?:哪个|哪一个|什么)(?:部门|单位)(?:来)?(?:主责|主管)"
)
IN_CHARGE_STATED_RE = re.compile(
    r"(?<!各级)(?<!行业)(?<!有关)(?<!相关)(?:主管|主责)(?:部门|单位|机关)(?:为|是)(?!哪|谁|什么)"
    r"|(?<![作成以])(?:是|为)[^，。；？?]{0,30}?的?(?:主管|主责)(?:部门|单位|机关)(?![是为]?(?:哪|谁|什么))(?!提供|服务)"
)
# a question asking whether the document itself names the body ("这个发放工作在通知里写明由哪个单位负责了吗", "通知有没有写明由哪个
# 部门负责", "写没写由谁牵头"): the word of stating, then within the same clause of the question the body asked for (由, 谁, 哪个
# 部门, 牵头, 负责 — not "有没有明确的完成时限", not "能明确告诉我吗"), then the asking particle; or the asking word with the
# word of stating before the body ("是否由省财政厅负责" asks who, not whether the document says; questions are matched after
# NFKC: "，" is ",")
WHETHER_STATED_RE = re.compile(
    r"(?:写明|指明|注明|列明|载明|明确|说明|讲明)[^，,。；;？?]{0,30}?(?:由|谁|哪个|哪些|哪家|牵头|负责)[^，,。；;？?]{0,30}?(?:吗|没有)"
    r"|(?:(?:有没有|有无|是否)(?:写明|指明|注明|列明|载明|明确|说明|讲明|说|写|提到|规定)|写没写|说没说)[^，,。；;？?]{0,30}?"
    r"(?:由|谁|哪个|哪些|哪家|牵头|负责)"
)
# … of another document ("其他通知有没有写明…由哪个单位负责"): the borrowing is what is asked
OTHER_DOCUMENTS_ASKED_RE = re.compile(
    r"(?:其他|其它|别的|另外的?|另一份?|哪份|哪些|还有)[^，,。；;？?]{0,6}?(?:文件|通知|方案|规划|政策|办法|意见)"
)
CONTACT_QUESTION_RE = re.compile(
    r"咨询|受理|联系(?:人|方式|电话|部门|单位|哪|谁)|对接(?:部门|单位|哪|谁)"
    r"|(?:哪个|哪一个|哪些|什么)(?:处(?![理置罚分])|科(?![技学研普创目]))|处室|科室|(?:反馈|报送?|提交|交|发|寄|送)(?:给|至|到)"
)
# a zone's name a gazetteer of administrative divisions does not list: a new area, a development or high-tech zone
UNLISTED_ZONE_RE = re.compile(r"[\u4e00-\u9fff]{2,}(?:新区|开发区|高新区|经开区|园区|示范区|自贸区|试验区)$")
NO_WORDS = "问题中没有可检索的文字，请用中文完整提问。 / The question has no words to look up; please ask in Chinese."
NOT_IN_CORPUS = "未在已收录文件中找到{place}的相关规定。"
NOT_STORED_EDITION = "未收录{asked}年的这份文件：已收录的是{stored}年的《{title}》。"
NOT_STORED_ORDINAL_EDITION = "未收录{asked}的这份文件：已收录的是{stored}的《{title}》。"
NOT_STORED_TITLE = "未收录{place}的这份文件；已收录名称相近的：{others}。"
NOT_STORED_QUOTED = "未收录《{title}》。"
# a quoted title the question opens with (a place, 按照 / 根据 … before it at most) and asks what it says (its number in
# brackets, then 对…, 规定, 要求 …): the document asked about is that one, not a stored one that cites it
# (Answerers.asked_as_itself; the question NFKC-normalised: brackets are ASCII)
QUOTED_OPENER_RE = re.compile(r"^(?:按照|根据|依据|按)")
ASKED_AS_ITSELF_RE = re.compile(r"^(?:\([^()]{2,24}\))?(?:对|规定|要求|提出|明确|中规定|里规定|是怎么规定|关于)")
# how much of a title a question writes must stand in another place's title, and how specific it must be (content
# bigrams, places left out: "能源发展“十四五”规划" has 8, "十四五规划" 4), for the question to name that plan: fitted by
# scripts/fit_title_thresholds.py into search/dictionaries/title_thresholds.json (these are the defaults without it)
OTHER_TITLE_SHARE = 0.9
OTHER_TITLE_MIN_BIGRAMS = 6
TITLE_THRESHOLDS_FILE = Path(__file__).resolve().parent / "dictionaries" / "title_thresholds.json"
TITLE_RUN_FILE = Path(__file__).resolve().parent / "dictionaries" / "title_run.json"
# a plan's name written in a question is a stored title (not a measure a clause names) when one title holds this share
# of its bigrams (a plan's own preamble writes its title too)
STORED_TITLE_SHARE = 0.9
NOT_FOUND = "未在已收录{place}文件中找到{about}{what}。"
NOT_FOUND_PLACE = "{region}的"
NOT_FOUND_ABOUT = "关于“{terms}”的"
WHAT_RULES = "相关规定"
WHAT_TARGETS = "相关目标"
# a name in quotation marks ("株洲氢谷", "动力电池之都")
QUOTED_NAME_RE = re.compile(r"“[^“”]{1,20}”|\"[^\"]{1,20}\"")
# words naming the whole country, as places are named (not a measure's words)
NATIONAL_WORDS = frozenset({"全国", "国家", "我国", "全省", "全市", "全区", "本省", "本市"})
WHAT_AGENCY = "该部门"
WHAT_SIMILAR = "类似措施"
WHAT_DOCUMENTS = "文件"
# agencies
LEAD_PART = "由{names}牵头"
CONTACT_PART = "文件列明的联系（受理）单位为{names}"
CO_WITH_LEAD_PART = "{names}配合"
CO_ALONE_PART = "由{names}按职责分工负责"
IMPLEMENTING_PART = "{names}负责落实"
FROM_SUB_ITEMS = "（据其下各项汇总）"
FROM_PARENT = "（据其所在条目的责任标注）"
# how the roles were found (ReadModel.effective_responsibilities) -> the note an answer adds
HOW_NOTES = {"children": FROM_SUB_ITEMS, "parent": FROM_PARENT}
# the question names a stored document but none of its clauses clears the refusal thresholds: the closest one answers,
# and says so (see Ranker.answerable)
WEAK_MATCH = "（该文件中没有与问题高度吻合的条款，以上据最接近的一条作答，请核对原文）"
AGENCIES_ANSWER = "根据{label}{subject}{note}，{parts}。"
# a clause with no annotation whose sentence the question asks about writes departments as its actor: they are read
# from that sentence, and the answer quotes it and says how it was read
# (the sentence names them as its actor, or as the body its subjectless task assists: "积极配合湖南省生态环境厅，完成…")
ACTORS_ANSWER = "{label}{subject}未以责任标注写明责任部门；据条文“{sentence}”：{parts}。"
NO_AGENCY_ANSWER = "{label}{subject}：{sentence}。"
# another plan of the scope says who, the best-matching one does not: both are said
ALSO_UNNAMED = "（{label}同一事项未指明责任部门）"
AGENCY_SENTENCE = "{label}{note}，{parts}"
NO_AGENCY_SENTENCE = "{label}：{sentence}"
PER_DOC_ANSWER = "未指明地区，{n}份文件有相关规定：{sentences}。"
# a plan as a whole
PLAN_LABEL = "《{title}》"
PLAN_ISSUED = "由{issuer}印发"
PLAN_ISSUER_UNKNOWN = "印发机关未能从文中读出"
PLAN_NO_LEADS = "{label}{issued}；文件未为各项任务指明牵头部门。"
PLAN_LEADS = "{label}{issued}。各项任务的牵头部门：{groups}。"
PLAN_ORGANISED = "{label}{issued}；文件未为各项任务指明牵头部门，其“{heading}”条款写明“{sentence}”，按列名先后：{parts}。"
PLAN_LEAD_GROUP = "{name}（{n}项：{headings}{more}）"
PLAN_MORE = "等"
# targets
TARGET_ANSWER = "根据{label}，{year}{targets}。"
TARGET_YEAR = "到{year}年，"
TARGET_ITEM = "{indicator}{comparator}{value}"
TARGET_QUALIFIER = "（{qualifier}）"
# qualifiers written after a figure in the documents ("22%左右", "90%以上"): the answer writes them there too
QUALIFIERS_AFTER_VALUE = ("左右", "以上", "以下", "以内")
TARGET_QUOTE = "原文：{sentence}"
SENTENCE_ANSWER = "根据{label}：{sentence}"
# an agency's duties
DUTIES_NONE = "未在已收录文件中找到{agency}负责的工作。"
DUTIES_ANSWER = "{agency}{role}负责{n}项工作：{items}。"
DUTY_ITEM = "{heading}（{clause_no}）"
ROLE_LEAD_WORD = "牵头"
ROLE_OTHER_WORD = "参与"
# similar measures, documents, free search
SIMILAR_TO = "与{label}“{heading}”类似的措施见于：{places}。"
# (a clause without a heading — a preamble, an unheaded article — is named by its document and number alone)
SIMILAR_TO_UNHEADED = "与{label}类似的措施见于：{places}。"
SIMILAR_NONE = "无"
SIMILAR_ANY = "以下文件提出了相关措施：{places}。"
SIMILAR_PLANS = "同类文件：{titles}。"
DOCUMENTS_ANSWER = "已收录{n}份文件：{titles}。"
DOCUMENT_TITLE = "《{title}》"
SEARCH_ANSWER = "最相关的条款是{label}“{heading}”：{sentence}"

# ----------------------------------------------------------------------------- routing constants
ROLE_ORDER = {"lead": 0, "co": 1, "implementing": 2}
# share of a question's content bigrams a document title must hold for a plan-level answer
PLAN_TITLE_SHARE = 0.8
# intents answered region by region when a question names several regions
PER_REGION_INTENTS = ("lead_agency", "responsible_agencies", "target_value", "search")
# the intents whose question may name a document as its subject rather than its source (who makes or leads it) …
ANSWERED_ELSEWHERE_INTENTS = frozenset({"lead_agency", "responsible_agencies"})
# … unless the question marks the document as where to look: "根据《…》", "按…", "《…》中 / 里 / 规定 / 提出"
SOURCE_MARKED_RE = re.compile(
    r"^(?:根据|按照|依据|依照|按|在)|(?:》|方案|办法|规划|意见|通知|准则|细则|规定|计划|要点|清单|指南)(?:中|里|内|提出|规定|要求|明确)"
)
# a similar-measures question that keeps to one region: "青海省内除了西宁，还有哪个地方…", "江苏省里其他城市…"
RE_OTHER_PLACES = re.compile(r"除了|其他|其它|别的|还有|另外|有没有")
# where a similar-measures question turns from the measure asked about to the other places or documents sought ("…开展碳排放
# 评价试点，其他地区有没有类似…", "…试点，有哪些省份也提出了…类似做法")
RE_SIMILAR_TURN = re.compile(RE_OTHER_PLACES.pattern + r"|类似|相似|同类|哪些|哪个|哪几|哪里|其余|别处|是否|各省|各地")
RE_WITHIN_AFTER = (
    r"(?:省|市|自治区|州)?(?:(?:内|境内|范围内|里面?)(?!的?(?:文件|方案|规划|通知|办法|意见))"
    # "青海这边除了海西州，还有…": the place spoken from, then the one set apart inside it (a place: see similar_within)
    r"|(?:这边|那边|这里)(?=[，,]?除了?)"
    # "河北其他城市有类似文件吗": the province's other places
    r"|(?=的?(?:其他|其它|别的|另外的?)(?:城市|地市|市州|市县|市|县区|县|地方|地区))"
    # "除了福州，福建省还有哪些设区市印发了…": the places of the province, asked right after its name
    r"|(?=还有(?:哪些|哪个|哪几个)(?:设区市|地级市|城市|地市|市州|市县|市|县区|区县|县|地方|地区)))"
)
RE_SPOKEN_FROM = r"(?:这边|那边|这里)"
# the type of a document that carries out another in a place (a province's 实施意见 of a national 意见)
RE_IMPLEMENTING_TYPE = re.compile(r"实施(?:意见|方案|细则|办法)")
# a place set apart from the places asked about ("除了上海，其他地方有没有…", "除了成都，还有哪些城市…"): what follows the
# place is a word for other places, not a document of it ("除了上海这份通知" sets a document apart)
RE_PLACE_SET_APART_AFTER = (
    r"(?:省|市|自治区|州)?(?:之外|以外|外)?[，,]?\s*(?:还有|另外)?(?:其他|其它|别的|另外的|哪些|哪个|哪一个|哪几个)"
    r"(?:地方|城市|省份|省市|省区|省|地区|地市|市州|区县|县区|市|县)"
)
RE_REGION_LEVEL_END = re.compile(r"(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗)$")
# a target question across regions: "各省…分别是多少", "各地…目标对比"
RE_ACROSS_REGIONS = re.compile(r"(?:各省|各地|各市|各城市|各省份|各地区|不同(?:省份|城市|地区))[^？?]*(?:分别|各自|对比|比较|多少)")
# the across-region words themselves, dropped before ranking
RE_ACROSS_WORDS = re.compile(r"各省份?|各地区?|各市|各城市|不同(?:省份|城市|地区)|分别|各自|对比|比较")
# a title's qualifier in brackets after its type word — a year, 试行, 暂行, 修订, 草案, 征求意见稿 (as
# search.docref._title_ref_re takes it with a title): "…实施方案（暂行）", "…管理办法（试行）（修订）"; never a document or order
# number, an attachment's label or a short name ("（省政府令第371号）", "（附件1）", "（以下简称方案）")
TITLE_QUALIFIER = r"[（(][^（）()《》〔〕\[\]号令]{0,12}(?:\d{4}|试行|暂行|修订|草案|征求意见稿)[^（）()《》〔〕\[\]号令]{0,12}[）)]"
# a question naming a document ("…节能减排实施方案由哪个部门负责解释"): the shared words ending in
# a document-type word identify the document, not a clause (its qualifiers after it, one or two)
RE_DOC_TYPE_END = re.compile(
    rf"(?:{doc_type_alternation(('方案', '计划', '规划', '意见', '通知', '办法', '纲要', '决定', '要点', '条例'))})"
    rf"(?:{TITLE_QUALIFIER}){{0,2}}$"
)
# the qualifiers closing a quoted title (before its 》), which no stored title's words are measured against
RE_CLOSING_QUALIFIERS = re.compile(rf"(?:{TITLE_QUALIFIER})+(?=》?$)")
# how many of a question's first-ranked clauses are looked at for one clearing the refusal threshold (the first that does
# answers; chosen for targets by a sweep over the development sets, README "Twenty-first frozen measurement"; agency
# questions the same since the forty-first round)
TRUSTED_TOP = 2
MIN_DOC_REF = 4  # shortest common substring that counts as naming a document
# a run of one title this long (years and level words not counted) names its document even without a type word: a weak
# answer from it is no false claim, as with a doc number (the default; scripts/fit_title_run.py fits the value in force)
TITLE_RUN_NAMES = 8
# what may follow a document number inside the reference: its type word and a locative ("…111号办法里", "…25号文中")
AFTER_DOC_NUMBER_RE = re.compile(rf"(?:{doc_type_alternation()}|文件|文)?(?:里面|里|当中|中)?")
# a stated figure: a number with a unit (10亿元, 85%, 300万吨), not a bare year
# counting words (classifiers) a figure may carry: "1000块样地", "共25家", "30天内", "5处"
# what counts a figure in a clause: the words a question counts in, and those only clauses write after a number (fish,
# animals, wells, sheets, articles: "放流苗种30亿尾", "地热开采井343眼" — as question words 头 / 只 / 张 would misread
# "多少头部企业")
CLASSIFIERS = COUNT_CLASSIFIERS + "|尾|只|头|眼|张|篇"
# the end of a count in 万 / 亿 with no measure word after it: a bound word, punctuation or the end ("100万以上", not "100万元")
MAGNITUDE_COUNT_END = r"(?=以上|以下|左右|余|多|$|[，,。；;、）)])"
RE_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|[万亿千百]?(?:微克/立方米|毫克/立方米|毫克/升|元|吨|千瓦时|千瓦|兆瓦|公里|公顷|"
    r"平方米|立方米|蒸吨|标准煤|分贝|克|升|米|倍|" + CLASSIFIERS + ")"
    # units written in Latin letters in technical specifications (续航里程150km, 综合能耗2.3GJ/tCO2, 100kW)
    r"|(?i:kgce|tce|km|kwh|mwh|gwh|kw|mw|gw|gj|mj|tco2|nm3|m3|m2|㎡|kg|mg|μg)(?![A-Za-z])"
    # (grams, or grams of standard coal, per a unit: "铂载量≤0.15g/kW", "克重低于95g/m2", "300g/(kW·h)", "300gce/kWh" —
    # never 5G)
    r"|g(?:ce)?(?=/[A-Za-z(（])"
    # (tonnes as a catalogue's column writes them: "CO2减排量（年）：60306t")
    r"|t(?![A-Za-z]))"
    # a percentage written in words, as rules and regulations write it ("不超过百分之二十的比例上浮")
    r"|百分之[零〇一二三四五六七八九十百点两]+"
    # an amount's magnitude written in words, as plans write round goals ("产值分别过千亿", "突破万亿元", "五百亿级")
    r"|[一二三四五六七八九十两]?[千百万]亿"
    # a count in 万 / 亿 whose measure word was written before it ("全国实现培训人次达100万以上", "新增就业岗位约5万")
    r"|\d+(?:\.\d+)?\s*[万亿]" + MAGNITUDE_COUNT_END
    # a bound written with a comparison sign, as indicator tables write a row's value after its unit column
    # ("区域人均碳排放量吨CO2/（人•年）≤3.5核心指标", "人均用水量L/（人•日）≤120")
    + r"|[≤≥≦≧＜＞]\s*\d+(?:\.\d+)?"
)
# a year a clause states ("到2025年", "2030年前")
RE_STATED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
# "多少家 / 几个 / 多少块": the counting word a question asks for
# ("几个人" counts 人, answered by "5人" / "5名")
RE_ASKED_COUNT = re.compile(r"(?:多少|几)(?:个(?=人))?(" + COUNT_CLASSIFIERS + "|年)")


# counting words that count the same thing: a question's "多少天" is answered by "20个工作日"
# and enterprises, units and households are counted in 家, 个 or 户 alike ("选多少家重点企业" — "选取15个重点企业")
# — 个 only before what is counted so ("15个重点企业", not "13.5个百分点", "3个月", "13个设区市")
COUNTED_BY_GE = r"个(?=[\u4e00-\u9fff]{0,6}?(?:企业|单位|公司|工厂|用户|项目|园区))"
# a count in 个 written after what it counts, close before it in the same phrase ("推荐的绿色工厂不超过20个")
COUNTED_BEFORE_GE = r"(?:企业|单位|公司|工厂|用户|园区)[^，,。；;\d]{0,8}?\d+\s*个(?=[，,。；;、)）]|$|以上|以内|左右)"
SAME_COUNT = {
    "天": "天|日|个?工作日",
    "日": "天|日|个?工作日",
    "家": "家|户|" + COUNTED_BY_GE,
    "户": "户|家|" + COUNTED_BY_GE,
    "人": "人|名|个人",
    "名": "名|人",
}


def drop_doc_number(text: str, written: str) -> str:
    """``text`` without the document number ``written`` and the type word and locative right after it."""
    return re.sub(re.escape(written) + AFTER_DOC_NUMBER_RE.pattern, "", text)


# counting words whose counts a document mostly writes in words (一式三份, 六类, 两批)
WORD_COUNTED = frozenset({"份", "类", "批", "轮", "届"})


def asked_figure_re(classifier: str) -> re.Pattern[str]:
    """A figure counted in the asked word: "25家", "1.2万亩", "20个工作日" for 天; for 年 a duration
    ("3年"), never a year ("2025年")."""
    if classifier == "年":
        # (in digits or words: "有效期五年", "保存时间不得少于五年")
        # (never a year written in words — 二〇二一年, 二○二一年, 二O二一年 — nor an ordinal: 第二年)
        return re.compile(
            r"(?:(?<![\d.])\d{1,2}(?:\.\d)?|(?<![一二三四五六七八九十两零〇○OＯ0０第])"
            r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九两]))\s*个?年"
        )
    # (an approximate count written 余 / 多 after the number: "全省500余家…重点排放单位", "20多个")
    counted = r"\d+(?:\.\d+)?\s*[万亿千百]?[余多]?(?:" + SAME_COUNT.get(classifier, re.escape(classifier)) + ")"
    if classifier in WORD_COUNTED:
        # (copies and kinds are mostly written in words: "一式三份", "分六类组织", never an ordinal: 第六类)
        counted += r"|(?<![第一二三四五六七八九十两])[一二三四五六七八九十两]{1,3}(?:" + re.escape(classifier) + ")"
    if classifier in ("家", "户"):
        # … or counted in 个 after the thing counted ("每个地区推荐的绿色工厂不超过20个")
        counted += "|" + COUNTED_BEFORE_GE
    # … or the measure word written before a count in 万 / 亿 ("全国实现培训人次达100万以上")
    counted += (
        "|(?:" + SAME_COUNT.get(classifier, re.escape(classifier)) + r")(?:数|规模)?(?:达到|达|超过|突破|为|约|逾)\s*"
        r"\d+(?:\.\d+)?\s*[万亿]" + MAGNITUDE_COUNT_END
    )
    return re.compile(counted)


# what else a question may ask for beside a count, and the figure that answers it: an amount of money ("单个项目最高
# 奖励多少", "每项资助多少钱"), a time limit ("要在多长时间内告知"), a day ("低碳日是哪一天")
ASKED_MONEY_RE = re.compile(
    # (the money's kind after 多少, a level's between them: "每个项目给多少资助", "最多能拿到多少市级资助经费"; not what is
    # counted after it: "多少资助项目", "多少补贴名额")
    r"多少钱|多少(?:(?:国家|中央|省|市|县|区)级?|财政)?(?:资金|经费|资助|补助|补贴|奖励|奖补|万元|亿元|元)"
    rf"(?!(?:{COUNT_CLASSIFIERS})|项目|名额|对象|企业|单位|资格|指标|类|批)"
    r"|(?:奖励|补助|资助|补贴|奖补|资金|额度|金额|经费)"
    # (not the change of an amount: "贷款额度最多能上浮多少" asks a share)
    r"(?:(?!上浮|上调|下浮|下调|提高|增加|比例)[^，。？?]){0,6}(?:多少|几)"
    # (not a count or a duration: "资金支持多少家企业", "资助多少个项目", "补贴几年")
    rf"(?!(?:{COUNT_CLASSIFIERS})|年|成)"
)
ASKED_DURATION_RE = re.compile(
    r"多长时间|多久|(?:" + "|".join(TIME_LIMIT_WORDS) + r")[是为有]?多长|多少个?工作日|几个工作日|几个月|(?:多少|几)天(?:内|之内|以内)"
)
ASKED_DAY_RE = re.compile(r"哪[一几]?天|(?:时间|日期)是?(?:什么时候|哪天|几号)")
# a day asked by its month and day ("最晚几月几日前", "几月几号"): a sentence writing a day's number (3月15日) answers before one
# writing a month's end or part (3月底, 6月下旬), which answers only where no day's number does (TargetAnswers.sentence_answer);
# "哪天" and "日期是几号" take either alike (ASKED_DAY_RE)
ASKED_EXACT_DAY_RE = re.compile(r"几月几[日号]|哪月哪[日号]")
# the latest time for a step asked ("最迟要在什么时候前改造升级", "在什么时间前报送", "最晚什么时候要报上去"): a day or a
# deadline year answers ("于2022年5月30日前报送", "在2024年底前将能效改造升级到基准水平以上")
ASKED_LATEST_RE = re.compile(r"(?:什么时候|什么时间)(?:之前|以前|前)|(?:最晚|最迟)[^？?，,]{0,6}(?:什么时候|什么时间|何时)")
# a question asking from which day a document takes effect ("从哪天开始施行", "什么时候起实施", "施行日期是"), and the sentence
# that says it
EFFECTIVE_ASKED_RE = re.compile(
    r"(?:哪一?天|什么时候|何时|哪个日期|几月几[日号]|哪年哪月)[^？?，,]{0,4}(?:开始|起)?(?:施行|实施|生效|执行)(?!完成|到位)"
    r"|(?:施行|生效)(?:日期|时间)|实施日期"
)
# (the document is the subject: 本办法 / 该方案 / 《方案》 — not a measure's start, "自2022年7月1日起执行新的峰谷分时电价")
EFFECTIVE_DATE_RE = re.compile(
    r"^(?:本|该|此|《)[^，,。；]{0,20}?(?:自|从|于)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起?\s*"
    r"(?:施行|实施|生效|执行)"
)
MONEY_FIGURE_RE = re.compile(
    r"\d+(?:\.\d+)?\s*[万亿千百]?元"
    # (an amount in words, as rules write their fines: "并可以处五万元以下的罚款", "处一万元以上三万元以下罚款")
    # (ending in a magnitude: not 三元锂电池, 城乡二元结构)
    r"|[一二三四五六七八九十两][一二三四五六七八九十两百千]*[十百千万亿]元"
)
# a share asked ("按审计确认费用的多大比例给予资助", "占比是多少", "提高几个百分点") and a figure stating one ("50%", "百分之二十",
# "3个百分点")
ASKED_SHARE_RE = re.compile(
    r"多大(?:的)?(?:比例|比重)|多少比例|什么比例|百分之几|(?:多少|几)个百分点"
    r"|(?:比例|比重|占比|比率)(?:是|为|要|应|能|可以|需要|达到|不低于|不高于|不超过|控制在|提高到|提升到)*(?:多少|几)"
)
# a part of a whole asked ("市级资助经费最多能占到项目总经费的多少", "生态控制区面积力争占到市域面积的多少"): a share, whatever
# the part is (money, an area) — never what something takes up (占用, 占地)
# (not a count or an amount asked after 多少: "占总投资的多少万元"; not 占补 / 占有, nor 抢占 / 侵占)
ASKED_PART_OF_RE = re.compile(
    r"(?<![抢侵霸])占(?!用|地|补|有)(?:到|了|据)?[^，。？?]{1,16}?的"
    r"(?:多少(?![万亿千百]?元|个|家|项|座|台|辆|吨|千瓦|公顷|亩|平方|立方)|几成|百分之几)"
)
# a share as a figure: a percentage, percentage points, 百分之…, a fraction (三分之一), 一半, 七成, a ratio (1.25∶1)
SHARE_FIGURE_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:[%％]|个百分点)|百分之[零〇一二三四五六七八九十百点两]+"
    # (a ratio of two terms, never a time of day — "17:00", "12∶00-17∶00": a two-digit term after the colon, as
    # ingest.targets.RATIO_RE excludes it)
    r"|(?<![\d.:∶：])\d+(?:\.\d+)?\s*[∶:：]\s*(?!\d{2}(?![\d.]))(?!0)\d+(?:\.\d+)?(?![\d.:∶：])"
    r"|[二三四五六七八九十百]分之[一二三四五六七八九十]+|一半|(?<![一二三四五六七八九十])[二三四五六七八九]成(?![本果立为功绩效熟长品都就])"
)
# a deadline year asked ("存量项目要在哪一年之前完成改造升级") and the year a sentence sets as one ("于2023年前完成",
# "2025年底前")
ASKED_DEADLINE_YEAR_RE = re.compile(r"哪一?年(?:底|年底)?(?:之前|以前|前)")
DEADLINE_YEAR_FIGURE_RE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*[日号]|底|末)?)?(?:底|年底)?(?:之前|以前|前)"
)
# the year a goal is to be reached ("最晚在什么时候实现碳达峰", "何时基本建成") and a year a sentence states ("2030年前实现碳达峰")
ASKED_GOAL_YEAR_RE = re.compile(r"(?:什么时候|何时|哪一?年)[^？?，,]{0,4}(?:实现|完成|建成|达到|达峰|形成)")
GOAL_YEAR_FIGURE_RE = re.compile(r"(?:19|20)\d{2}\s*年(?:底|年底)?(?:之前|以前|前)?")
CHINESE_COUNT = r"(?:(?<![\d.])\d{1,3}(?:\.\d)?|[一二三四五六七八九十两]{1,3})"
# (a count of years is a duration — "保存时间不得少于五年", "建设期不应超过两年"; CHINESE_COUNT never reads a year "2025年")
DURATION_FIGURE_RE = re.compile(CHINESE_COUNT + r"\s*个?(?:工作日|自然日|日|天|小时|个月|周|年)")
DAY_FIGURE_RE = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|[上中下]旬)")
EXACT_DAY_FIGURE_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
LATEST_FIGURE_RE = re.compile(DAY_FIGURE_RE.pattern + "|" + DEADLINE_YEAR_FIGURE_RE.pattern)


# a question asking when the document itself was issued or signed, which its own date answers ("这份通知是哪天印发的",
# "成文日期是哪天") — not one that names the document by its issuing ("生态环境部发布的通知里，自查报告什么时间前报送")
ISSUE_DATE_ASKED_RE = re.compile(
    r"(?:印发|发布|成文|签发|发文|出台|落款)(?:的)?(?:日期|时间)"
    r"|(?:哪一?天|什么时候|何时|几月几[日号])(?:正式)?(?:印发|发布|签发|成文|发文|出台)"
)
WRITTEN_DAY_RE = re.compile(r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def only_the_date(sentence: str, iso_date: str) -> bool:
    """Whether every day ``sentence`` writes is the document's own date ``iso_date`` (yyyy-mm-dd; a day written without
    its year counts by month and day): the date under its signature, not a day the document sets."""
    days = WRITTEN_DAY_RE.findall(sentence)
    if not iso_date or not days:
        return False
    year, month, day = iso_date.split("-")[:3] if iso_date.count("-") == 2 else ("", "", "")
    return all((not y or y == year) and int(m) == int(month or 0) and int(d) == int(day or 0) for y, m, d in days)


# a question asking a figure's upper bound ("推荐数量上限是多少", "最多能推荐几个"), and a sentence stating one ("每个地区推荐的
# 绿色工厂不超过20个", "最高不超过200万元", "控制在…以内")
ASKED_UPPER_BOUND_RE = re.compile(r"上限|最多|最高|封顶|不超过|不得超过|至多")
UPPER_BOUND_STATED_RE = re.compile(r"上限|最多|最高|封顶|不超过|不得超过|不高于|至多|以内|之内|控制在")


def bound_kept(question: str, recorded: str, stated: str) -> bool:
    """Whether a recorded target's sentence keeps its place before another sentence's figure because the question asks an
    upper bound that the recorded sentence states and the other does not ("每个地区推荐的绿色工厂数量上限是多少": "…不超过20个",
    not "…推荐数量可放宽至30家", though that one holds more of the question's words)."""
    return bool(
        ASKED_UPPER_BOUND_RE.search(question) and UPPER_BOUND_STATED_RE.search(recorded or "")
        and not UPPER_BOUND_STATED_RE.search(stated)
    )


def asked_figure(question: str) -> re.Pattern[str] | None:
    """The figure a target question asks for when it asks a kind (a count in its counting word, money, a time limit,
    a day, a deadline year, a share), else None: a figure of another kind in the same clause (a percentage for a count,
    a tonnage for money, money for a share) does not answer it."""
    for asked_re, figure_re in (
        (ASKED_PART_OF_RE, SHARE_FIGURE_RE),
        (ASKED_MONEY_RE, MONEY_FIGURE_RE), (ASKED_DURATION_RE, DURATION_FIGURE_RE),
        (ASKED_EXACT_DAY_RE, EXACT_DAY_FIGURE_RE), (ASKED_DAY_RE, DAY_FIGURE_RE),
        (ASKED_DEADLINE_YEAR_RE, DEADLINE_YEAR_FIGURE_RE), (ASKED_GOAL_YEAR_RE, GOAL_YEAR_FIGURE_RE),
        # (a goal's time first: "最晚在什么时候实现碳达峰" asks the year it is reached)
        (ASKED_LATEST_RE, LATEST_FIGURE_RE),
        (ASKED_SHARE_RE, SHARE_FIGURE_RE),
    ):
        if asked_re.search(question):
            # "…控制线是多少，什么时候前达到": the value is asked first, the day beside it
            asks_value = figure_re in (EXACT_DAY_FIGURE_RE, DAY_FIGURE_RE, LATEST_FIGURE_RE, GOAL_YEAR_FIGURE_RE) and "多少" in question
            if not asks_value:
                return figure_re
    # (a kind first: "几个工作日" asks a time limit written "五个工作日", not a count of 个)
    if asked := RE_ASKED_COUNT.search(question):
        return asked_figure_re(asked.group(1))
    return None


# a clause holding at least this many paragraphs of its own (its heading line aside) states measures of its own
OWN_MEASURES_MIN_PARAGRAPHS = 2
# how many of the best clauses stating a figure a target question's sentence answer is looked for in
FIGURE_SENTENCE_DEPTH = 3
# clauses of several documents within this share of the best clause's probability match "about equally"
SAME_MATCH_SHARE = 0.85
# the share (IDF-weighted) of the question's terms a figure's own wording must hold to answer a target question: fitted by
# scripts/fit_figure_coverage.py into search/dictionaries/figure_coverage.json; this hand value without the file
MIN_TERM_COVERAGE = 0.5
FIGURE_COVERAGE_FILE = Path(__file__).resolve().parent / "dictionaries" / "figure_coverage.json"


def min_figure_coverage(path: Path = FIGURE_COVERAGE_FILE) -> float:
    """The fitted term-coverage floor of target answers (:data:`MIN_TERM_COVERAGE` when the file is missing or unreadable)."""
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["min_figure_coverage"])
    except (OSError, KeyError, TypeError, ValueError):
        return MIN_TERM_COVERAGE


UNSURE_ANSWERS_FILE = Path(__file__).resolve().parent / "dictionaries" / "unsure_answers.json"
# how many of the best clauses a figure may come from to answer when the best clause is below the refusal threshold
UNSURE_FIGURE_DEPTH = 3


def unsure_coverage(key: str, path: Path = UNSURE_ANSWERS_FILE) -> float | None:
    """A fitted term-coverage floor above which wording the refusal model is unsure of still answers (``key``:
    ``unsure_figure_coverage`` for a recorded figure's wording, ``unsure_sentence_coverage`` for a sentence of the best
    clause); None — never — when the file or the key is missing or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))[key]
        return None if value is None else float(value)
    except (OSError, KeyError, TypeError, ValueError):
        return None


def asks_whether_stated(question: str) -> bool:
    """Whether a question asks if the document itself names who does the matter (:data:`WHETHER_STATED_RE`) — of the
    document the matter is found in, not of others (:data:`OTHER_DOCUMENTS_ASKED_RE`); ``question`` as normalised."""
    return bool(WHETHER_STATED_RE.search(question)) and not OTHER_DOCUMENTS_ASKED_RE.search(question)


def answer_agencies(roles: Iterable[AgencyRole]) -> list[AnswerAgency]:
    """Distinct agencies, lead first then co then implementing, document order within a role; one body written two
    ways in one document (区发改委 beside 区发展改革委: one canonical name) is listed once, as first written."""
    best: dict[str, tuple[int, int, AgencyRole]] = {}
    for i, ar in enumerate(roles):
        role = ar.responsibility.role
        key = ar.agency.canonical or ar.agency.name
        rank = ROLE_ORDER.get(role, 3)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, best.get(key, (rank, i))[1], ar)
    ordered = sorted(best.values(), key=lambda v: (v[0], v[1]))
    return [
        AnswerAgency(v[2].agency.name, v[2].responsibility.role, v[2].agency.region, *responsibility_how(v[2].responsibility))
        for v in ordered
    ]


def target_item(t: Target) -> str:
    """One target as the answer states it: indicator, comparator and value, a qualifier written after a figure where
    the documents write it ("比重达到22%左右"), others in brackets ("（力争）")."""
    desc = TARGET_ITEM.format(indicator=t.indicator_raw or t.indicator, comparator=t.comparator or "", value=t.value)
    qualifiers = [q for q in (t.qualifier or "").split("、") if q]
    after = "".join(q for q in qualifiers if q in QUALIFIERS_AFTER_VALUE)
    others = "、".join(q for q in qualifiers if q not in QUALIFIERS_AFTER_VALUE)
    return desc + after + (TARGET_QUALIFIER.format(qualifier=others) if others else "")


def split_sentences(text: str) -> list[str]:
    """``text``'s sentences, each with its closing 。/；/; (blank pieces left out)."""
    return [s for s in re.split(r"(?<=[。；;])", text) if s.strip()]


def sentence_before(text: str, sentence: str) -> str:
    """The sentence before ``sentence`` in its paragraph of ``text``; "" when the sentence opens its paragraph or is not
    found as written."""
    at = text.find(sentence.strip())
    if at <= 0:
        return ""
    before = split_sentences(text[text.rfind("\n", 0, at) + 1 : at])
    return before[-1] if before else ""


# the last cell of the row before, an indicator table's kind column ("约束性", "预期性", "核心指标")
ROW_KIND_CELL_RE = re.compile(r"(?:约束|预期|参考|指导)性|(?:核心|一般|引导)指标")
# … and the kind as a value line may write it, shortened ("≥30预期")
ROW_KIND_WORDS = ROW_KIND_CELL_RE.pattern + r"|预期|约束"
# a table row's value cell standing on a line of its own, as a flattened indicator table writes it ("≤120一般指标",
# "%≥5核心指标", "（%）88≥93约束性", "100≥95 100完成约束性"): a unit cell or a comparison sign, the figure, then only
# figures, signs and the kind cell — never a list number ("（1）新增光伏…", "1．申报主体"), a label with its row number
# ("6森林覆盖率（%）"), a year ("2025年…") or a sentence; and the line must hold a sign, a % or a kind cell ("PM2.5" holds none)
ROW_VALUE_LINE_RE = re.compile(
    r"(?:[（(][^（()）\n\d]{0,8}[）)])?[^\u4e00-\u9fff\d\n（(]{0,8}\d+(?:\.\d+)?(?![\d.．、）)]|\s*年)"
    r"[\d.\s≤≥≦≧＜＞%％—\-~～]*(?:完成|未完成)?(?:" + ROW_KIND_WORDS + r")?"
)
ROW_VALUE_MARK_RE = re.compile(r"[≤≥≦≧＜＞%％]|" + ROW_KIND_WORDS)
# a line holding a row's value after a unit or comparison sign ("生活垃圾分类收集率%100一般指标"), not a label's own digits
# ("PM2.5浓度", "CO2") nor its row number ("5国省考断面达到或优于Ⅲ类水")
ROW_VALUE_IN_LINE_RE = re.compile(r"[%％≤≥≦≧＜＞]\s*\d")
# a label cell's line is short and no sentence
ROW_LABEL_LINE_MAX = 30
ROW_LABEL_END_RE = re.compile(r"[。；;]")
# how many lines above a value line may hold its row's label cells
ROW_LABEL_LINES = 3


def row_value_line(line: str) -> bool:
    """Whether ``line`` is a table row's value cell on a line of its own (:data:`ROW_VALUE_LINE_RE`)."""
    line = line.strip()
    return bool(ROW_VALUE_LINE_RE.fullmatch(line)) and bool(ROW_VALUE_MARK_RE.search(line))


def row_labels(text: str, sentence: str) -> list[str]:
    """The labels of the table rows whose value cell is ``sentence``, a line of its own (:func:`row_value_line`), one
    per line of ``text`` that is exactly it (a value written alike in several rows, "%≥50一般指标", has each row's
    label): the lines above it back to the line stating the row before's figure (at most :data:`ROW_LABEL_LINES`),
    joined ("人均用水量" + "L/（人•日）" above "≤120一般指标"). Empty for any other sentence; "" for a value line with no
    label line above it."""
    line = sentence.strip()
    if not line or not row_value_line(line):
        return []
    lines = text.split("\n")
    out: list[str] = []
    for i, written in enumerate(lines):
        if written.strip() != line:
            continue
        label: list[str] = []
        for above in reversed(lines[max(0, i - ROW_LABEL_LINES) : i]):
            above = above.strip()
            if (
                not above or len(above) > ROW_LABEL_LINE_MAX or ROW_LABEL_END_RE.search(above)
                or RE_FIGURE.search(above) or ROW_VALUE_IN_LINE_RE.search(above) or row_value_line(above)
                or ROW_KIND_CELL_RE.fullmatch(above)
            ):
                break  # (a blank line, a sentence or another row's value: no label cell)
            label.insert(0, above)
        out.append("".join(label))
    return out


# a flattened table's row on a line of its own: short (at most TABLE_ROW_LINE_MAX characters), no sentence or clause
# punctuation, a digit in it ("10万吨≤实际排放量<100万吨8%", "燃气占比=0 0.90", "4000t/d（含）以上普通熟料生产线0.884")
TABLE_ROW_LINE_MAX = 40
TABLE_ROW_LINE_RE = re.compile(rf"[^。；;，,：:\n]{{2,{TABLE_ROW_LINE_MAX}}}")
# a table's caption or a box's title, numbered ("表1“十三五”规划主要指标完成情况", "专栏2清洁能源开发行动", "附表3…"): it
# heads the rows below it, it is none of them
TABLE_CAPTION_RE = re.compile(r"(?:附?表|专栏|图)\s*\d")
# a table is at least two rows (one short line with a digit — a date under a signature, a document number, a list item —
# is no table; a lone value line is read by row_labels)
TABLE_MIN_ROWS = 2
# how many lines above a table's rows may hold its header and the words that introduce it, each at most this long
TABLE_HEADER_LINES = 3
TABLE_HEADER_LINE_MAX = 40


def table_row_line(line: str) -> bool:
    """Whether ``line`` is a flattened table's row on a line of its own (:data:`TABLE_ROW_LINE_RE`, holding a digit, no
    caption: :data:`TABLE_CAPTION_RE`)."""
    line = line.strip()
    return (
        bool(TABLE_ROW_LINE_RE.fullmatch(line)) and bool(re.search(r"\d", line)) and not TABLE_CAPTION_RE.match(line)
    )


def table_headers(text: str, sentence: str) -> list[str]:
    """The words that frame a flattened table's row as a heading frames a clause, one per line of ``text`` that is
    ``sentence`` when it is such a row (:func:`table_row_line`) among at least :data:`TABLE_MIN_ROWS` rows (a row
    written alike in two tables has each table's): above the rows (the run of such lines holding it), the header and
    caption lines and the sentence that introduces the table — up to :data:`TABLE_HEADER_LINES` lines, ending at the
    table's numbered caption or at a line that closes with ： or 。 (its last sentence: "…对配额盈余（或缺口）比例设置4档最高限值，超过比例部分的配额盈余（或缺口）
    无效。", "熟料生产线基准值分列如下："). A header line holding a digit ("熟料生产线类别基准值（tCO2/t熟料）") reads as a row and
    is not read; the first row's line is not read for the others (it is a row of its own: "1森林覆盖率（%）42 42.5约束性"
    frames no "9森林火灾受害率"). [] for any other sentence, or a row not found as a line of ``text``."""
    line = sentence.strip()
    if not table_row_line(line):
        return []
    return list(_table_headers(text, line))


@lru_cache(maxsize=65536)
def _table_headers(text: str, line: str) -> tuple[str, ...]:
    """:func:`table_headers` of a line that is a table row. (Cached: read for every row of a clause a target question
    ranks.)"""
    lines = [x.strip() for x in text.split("\n")]
    out: list[str] = []
    for at, written in enumerate(lines):
        if written != line:
            continue
        first, last = at, at
        while first > 0 and table_row_line(lines[first - 1]):
            first -= 1
        while last + 1 < len(lines) and table_row_line(lines[last + 1]):
            last += 1
        if last - first + 1 < TABLE_MIN_ROWS:
            continue
        words: list[str] = []
        for above in reversed(lines[max(0, first - TABLE_HEADER_LINES) : first]):
            if not above:
                break
            if above.endswith(("：", ":", "。")):
                words.insert(0, split_sentences(above)[-1])
                break
            if TABLE_CAPTION_RE.match(above):
                words.insert(0, above)
                break  # (the caption opens the table: nothing above it is its header)
            if ROW_LABEL_END_RE.search(above) or len(above) > TABLE_HEADER_LINE_MAX or table_row_line(above):
                break  # (a sentence that runs on, or another table's row: the lines read so far are the header)
            words.insert(0, above)
        out.append("".join(words))
    return tuple(out)


# a paragraph's run-in heading: its first sentence, a short phrase without a figure or a break ("建设柴达木千里防风固沙
# 长廊。", "——能源利用效率稳步提升。")
RUN_IN_HEADING_RE = re.compile(r"([^,，。;；:：\n\d]{4,24})。")
# a title line above a paragraph: short, no sentence punctuation ("推动交通领域绿色转型")
TITLE_LINE_RE = re.compile(r"[^,，。;；:：\n]{2,30}")


@lru_cache(maxsize=4096)
def _nfkc(text: str) -> str:
    """``text`` NFKC-normalised (a clause's text, once per text rather than once per sentence read in it)."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def paragraph_lead(text: str, sentence: str) -> str:
    """The run-in heading of the paragraph of ``text`` that holds ``sentence`` (NFKC-normalised), the words that frame
    its figures as a clause's heading frames the clause ("建设柴达木千里防风固沙长廊。…；\n推进…。到2025年，森林覆盖率达到
    4.35%"): a paragraph runs from a line after one that closes with 。 (a line closing with ； runs on), and its heading
    opens it — or opens the line after a title line within it ("推动交通领域绿色转型\n加快建设绿色港口。…"). "" when the
    paragraph opens with no such heading, when another sentence of a heading's shape stands between it and ``sentence``
    (a second measure of the paragraph: "加快抽水蓄能建设。…提升火电调峰能力。…增加系统调峰能力47万千瓦以上"), when
    ``sentence`` is that heading, or when it is not found as written. (Cached: a clause's sentences are read with it
    for every target question that ranks the clause.)"""
    norm = _nfkc(text)
    probe = unicodedata.normalize("NFKC", sentence).strip()[:PARAGRAPH_PROBE]
    at = norm.find(probe) if probe else -1
    if at <= 0:
        return ""
    start = norm.rfind("。\n", 0, at)
    opens = 0 if start < 0 else start + 2
    # (past the title lines that open the paragraph)
    while (end := norm.find("\n", opens, at)) >= 0 and TITLE_LINE_RE.fullmatch(norm, opens, end):
        opens = end + 1
    m = RUN_IN_HEADING_RE.match(norm, opens)
    if not m or m.end() > at:
        return ""
    between = split_sentences(norm[m.end() : at].replace("\n", ""))
    if any(RUN_IN_HEADING_RE.fullmatch(x.strip()) for x in between):
        return ""
    return m.group(1)


# the words of a question before a span back to its last punctuation
WORDS_BEFORE_RE = re.compile(r"[^，,。；;：:？?！!]+$")


def share_in_title(words: str, title: str) -> float:
    """The share of ``words``' content bigrams that ``title`` holds (0.0 when they hold none)."""
    got = content_bigrams(words)
    return len(got & content_bigrams(title)) / len(got) if got else 0.0


def attachment_title(text: str) -> str:
    """The title an attachment's opening clause starts with: its first lines up to the first that writes a sentence (a
    title wrapped over two lines: "成都市近零碳排放区试点建设方案" + "编制指南"), at most :data:`MAX_ATTACHMENT_TITLE`
    characters; "" when the first line is already a sentence."""
    title = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line or any(p in line for p in "，。；：,;:") or len(title + line) > MAX_ATTACHMENT_TITLE:
            break
        title += line
    return title


def part_named(question: str, parts: dict[str, tuple[str, frozenset[str]]]) -> str | None:
    """The bundled plan (:func:`search.readmodel.bundled_parts`, of one or more documents) a question names by the words
    its title alone holds among its document's plans — what stands between the titles' shared opening and shared ending
    ("福建省" … "行业“十四五”节能降碳实施方案": 冶金, 建材, 石化化工), two characters or more —, when exactly one plan's are in
    the question; None otherwise."""
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for root, (title, _members) in parts.items():
        by_doc.setdefault(root.split("#", 1)[0], []).append((root, title))
    text = unicodedata.normalize("NFKC", question)
    named = []
    for fellows in by_doc.values():
        titles = [t for _r, t in fellows]
        head = len(os.path.commonprefix(titles))
        tail = len(os.path.commonprefix([t[::-1] for t in titles]))
        for root, title in fellows:
            own = title[head : len(title) - tail] if len(title) - tail > head else ""
            if len(own) >= 2 and unicodedata.normalize("NFKC", own) in text:
                named.append(root)
    return named[0] if len(named) == 1 else None


def actor_roles(names: list[str], together: bool, region: str, central_issuer: bool = False) -> list[AnswerAgency]:
    """The bodies a sentence writes as its actor (raw names), qualified with the document's region: the first listed
    leads and the rest are co unless they act together (共同 / 分别 …: all lead); lower-level bodies carry it out (README
    "Responsibility conventions"). In a document central ministries issued (``central_issuer``), a list of fields'
    departments written without any level, every one of a field the table knows, is those fields' central bodies
    ("发展改革、科技…等部门要加强协同配合": 国家发展改革委, 科技部 …; ingest/dictionaries/national_field_bodies.tsv); any
    other list (a level written, a field the table lacks) stays as written."""
    if central_issuer:
        central = [national_body_of_field(n) for n in names]
        if all(central):
            names = [c for c in central if c]
    qualified = qualify_agencies(names, region, province_of(region))
    # (the plan's own government is no lower level: "市委、市政府对全市…负总责" in a city's plan)
    lower = [is_implementing(raw) and a.name not in (region + "政府", region + "人民政府") for raw, a in zip(names, qualified)]
    leader = next((n for n, low in zip(names, lower) if not low), None)
    actors = [
        AnswerAgency(a.name, "implementing" if low else "lead" if together or raw == leader else "co", a.region, "actor")
        for raw, a, low in zip(names, qualified, lower)
    ]
    return in_charge_when_alone(actors)


def in_charge_when_alone(agencies: list[AnswerAgency]) -> list[AnswerAgency]:
    """The asked measure's bodies when they are all sub-region governments (implementing): they are the ones in charge
    of it, so the answer names them as its lead ("各盟市人民政府要对…旗县进行预警提醒", "各州（市）人民政府应至少确定一座…设施");
    beside any lead or co body they stay implementing (ingest's convention, README "Responsibility conventions")."""
    if not agencies or any(a.role != "implementing" for a in agencies):
        return agencies
    return [replace(a, role="lead") for a in agencies]


def combine(frame: QuestionFrame, parts: list[Answer]) -> Answer:
    """One answer from per-region parts: texts by region, facts and evidence of the parts found."""
    found = [p for p in parts if p.found]
    text = "\n".join(REGION_PART.format(region=p.region, answer=p.answer) for p in parts)
    agencies: list[AnswerAgency] = []
    for p in found:
        agencies.extend(a for a in p.agencies if a not in agencies)
    return Answer(
        frame.question,
        frame.intent,
        bool(found),
        text,
        tuple(agencies),
        tuple(t for p in found for t in p.targets),
        tuple(e for p in found for e in p.evidence[:2]),
        parts=tuple(parts),
    )


# a title longer than this is noise (a heading run-on), not a name a question repeats
MAX_TITLE_CHARS = 120


@lru_cache(maxsize=4096)
def _substrings(text: str) -> frozenset[str]:
    """Every substring of a title (at most MAX_TITLE_CHARS characters), built once per title."""
    text = text[:MAX_TITLE_CHARS]
    return frozenset(text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1))


def _ngrams(text: str, n: int) -> set[str]:
    """The character n-grams of a text."""
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _longest_common(a: str, b: str) -> str:
    """Longest common substring of question words ``a`` and a title ``b`` (the first, on ties).

    One pass over ``a`` against the set of ``b``'s substrings: the match length only grows, so
    there are at most ``2·len(a)`` set lookups — linear in the question, whatever its shape.
    """
    subs = _substrings(b)
    start, best = 0, 0
    for i in range(len(a)):
        while i + best < len(a) and a[i : i + best + 1] in subs:
            start, best = i, best + 1
    return a[start : start + best]


# What a title shares with any question and names no plan: years, 全国 / level words ("2022年全国…").
RE_TITLE_COMMON_WORDS = re.compile(r"(?:19|20)\d{2}年?度?|全国|全省|全市|[省市县区]")


def _names_document(common: str) -> bool:
    """A common substring long enough to name a document: >= 6 characters, or >= 4 ending in a document type,
    not counting years and level words ("2022年全国" names no document)."""
    content = RE_TITLE_COMMON_WORDS.sub("", common)
    return len(content) >= 6 or (len(content) >= MIN_DOC_REF and bool(RE_DOC_TYPE_END.search(common)))


def word_aligned(text: str, run: str, words: Sequence[str]) -> str:
    """``run`` (found in ``text``) cut back to the words of ``text`` it holds whole: a title run that ends inside a
    word of the question ("可再生能源发" of 全省可再生能源发电装机, against 湖南省可再生能源发展规划) is the word's
    neighbour in the title by chance, not the title."""
    at = text.find(run)
    if at < 0 or not run:
        return run
    end = at + len(run)
    bounds, pos = {0}, 0
    for w in words:
        pos += len(w)
        bounds.add(pos)
    if pos != len(text):  # the words do not spell the text (another normalisation): leave the run as found
        return run
    start = min((b for b in bounds if b >= at), default=end)
    stop = max((b for b in bounds if b <= end), default=at)
    return text[start:stop] if stop > start else ""


def _without_title_runs(text: str, title: str, segment: Callable[[str], Sequence[str]] | None = None) -> str:
    """``text`` without every run it shares with ``title`` long enough to name a document (see
    :func:`drop_reference`), each cut back to whole words of ``text`` when ``segment`` splits it into words (a run that
    is too short once cut stays, and shorter runs elsewhere are still looked for)."""
    kept: list[str] = []  # runs left in place, masked meanwhile by private-use characters no title holds

    def mask(k: int, run: str) -> str:
        return chr(0xE000 + k) * len(run)

    common = _longest_common(text, title)
    while _names_document(common) and len(kept) < 0x100:
        if segment is not None:
            aligned = word_aligned(text, common, segment(text))
            if not _names_document(aligned):
                text = text.replace(common, mask(len(kept), common), 1)
                kept.append(common)
                common = _longest_common(text, title)
                continue
            common = aligned
        text = drop_reference(text, common, (title,))
        common = _longest_common(text, title)
    for k, run in enumerate(kept):
        text = text.replace(mask(k, run), run)
    return text


def drop_reference(text: str, span: str, titles: Sequence[str]) -> str:
    """``text`` without the reference ``span`` to a document titled one of ``titles``, and with it the body that
    published it written right before ("国务院新闻办《…》") and the title's type word and a reporting verb written right
    after ("《新时代的中国能源发展》白皮书称": 白皮书 ends the title, the question quoted it without)."""
    at = text.find(span)
    if at < 0:
        return text
    after = re.match(
        rf"\s*[”》\"]?\s*(?P<type>{TITLE_TYPE_RE.pattern})?(?:称|提出|指出|明确|规定|写道)?", text[at + len(span) :]
    )
    end = at + len(span)
    if after and (not after.group("type") or any(after.group("type") in t for t in titles)):
        end += len(after.group(0))
    before = PUBLISHER_BEFORE_TITLE_RE.search(text[:at])
    start = before.start() if before else at
    while before and (other := PUBLISHER_BEFORE_PUBLISHER_RE.search(text[:start])):
        start = other.start()
    return text[:start] + " " + text[end:]


# the publishing bodies written right before a title ("国务院新闻办《…》白皮书", "生态环境部印发的《…》", "工信部、发改委、
# 生态环境部关于促进钢铁工业高质量发展的指导意见", "三明银保监分局和市金融局那份绿色金融…方案")
PUBLISHER = r"[\u4e00-\u9fff]{1,12}(?:办公厅|办公室|办|部|委|局|厅|署|院|政府)"
PUBLISHER_BEFORE_TITLE_RE = re.compile(
    PUBLISHER + r"[\s、，,和与及]*(?:联合)?(?:印发|发布|出台)?的?(?:[那这]份|[那这]个|该)?\s*[“《\"]?\s*$"
)
# another publisher of the list, written before the one found and apart from it (read one name at a time: a nested
# repetition over a run of body names backtracks exponentially)
PUBLISHER_BEFORE_PUBLISHER_RE = re.compile(PUBLISHER + r"[\s、，,和与及]+$")
# a document-type word that may close a title a question quotes without it
TITLE_TYPE_RE = re.compile(doc_type_alternation())


def _role_parts(agencies: list[AnswerAgency], *, implementing: bool) -> list[str]:
    """The "由A牵头" / "B配合" / "C负责落实" phrases of an agency answer."""
    lead = [a.name for a in agencies if a.role == "lead"]
    co = [a.name for a in agencies if a.role == "co"]
    impl = [a.name for a in agencies if a.role == "implementing"] if implementing else []
    parts = []
    if lead:
        parts.append(LEAD_PART.format(names="、".join(lead)))
    if co:
        parts.append((CO_WITH_LEAD_PART if lead else CO_ALONE_PART).format(names="、".join(co)))
    if impl:
        parts.append(IMPLEMENTING_PART.format(names="、".join(impl)))
    return parts


SIMILAR_PLANS_FILE = Path(__file__).resolve().parent / "dictionaries" / "similar_plans.json"


@lru_cache(maxsize=1)
def title_thresholds(path: Path = TITLE_THRESHOLDS_FILE) -> tuple[float, int]:
    """The fitted (share, content bigrams) a question's title must reach to name another place's plan (the defaults
    :data:`OTHER_TITLE_SHARE`, :data:`OTHER_TITLE_MIN_BIGRAMS` where the file is missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return float(data["other_title_share"]), int(data["other_title_min_bigrams"])
    except (OSError, KeyError, ValueError, TypeError):
        return OTHER_TITLE_SHARE, OTHER_TITLE_MIN_BIGRAMS


def title_run_names(path: Path = TITLE_RUN_FILE) -> int:
    """The fitted length of a title run that names its document (:data:`TITLE_RUN_NAMES` where the file is missing or
    unreadable)."""
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["title_run_names"])
    except (OSError, KeyError, ValueError, TypeError):
        return TITLE_RUN_NAMES


@lru_cache(maxsize=1)
def similar_plan_share(path: Path = SIMILAR_PLANS_FILE) -> float | None:
    """The fitted title-share threshold for plans of the same kind (None: the file is missing, none is listed)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["min_title_share"]
    except (OSError, KeyError, ValueError):
        return None
    return None if value is None else float(value)


def _place_label(e: Evidence) -> str:
    """Where a similar measure stands: its region, or its document's title for a national document (national
    documents are told apart by title, not by "全国")."""
    return e.region if e.region and e.region != "全国" else f"《{e.doc_title}》"


def issuer_names(issuer: str) -> list[str]:
    """The bodies of a document's issuer field ("国家发展改革委、国家能源局"), in order."""
    return [n for n in re.split(r"[、，,]\s*", issuer or "") if n]


# the kind of document a similar-measures question asks for, written after 类似 and ending in a document type
RE_KIND_ASKED = re.compile(
    rf"类似(?:的|地)?(?P<kind>[^，,。；？?]{{2,40}}?(?:{doc_type_alternation()}))(?:吗|呢|没有)?[？?。]?$"
)
# … or the measure the other places' documents are to be about, written after the verb of issuing ("其他省份有没有专门发文
# 遏制“两高”项目盲目发展的？")
RE_SOUGHT_ASKED = re.compile(
    r"(?:(?:其他|其它|别的|另外的?)[^，,。；？?]{0,6}?(?:有没有|还有没有|有哪些|还有哪些)"
    # ("除此之外，还有哪些地方专门出台了林业（林草）碳汇方面的行动计划"; "还有哪些部门专门发文成立了…领导小组")
    r"|还有(?:哪些|哪个|哪几个)(?:地方|地区|省份|省区|省|城市|地级市|地市|设区市|市州|市县|区县|市|县|部门|单位)(?:也)?)"
    r"(?:专门|单独|也)?"
    r"(?:发文|出台了?|出了|印发了?|制定了?)(?P<kind>[^，,。；？?]{4,40}?)的?(?:文件|政策|规定)?(?:吗|呢)?[？?。]?$"
)
# … or the documents sought named by their subject after another one is set apart ("除了临沂的实施方案，语料里还有哪些推进
# 绿色低碳县城建设的政策文件？")
RE_DOCS_SOUGHT = re.compile(
    r"除了?[^，,？?]{1,40}[，,][^？?]{0,12}?还有(?:哪些|哪几份|什么)"
    # (not bodies nor what they do: "除了市发展改革委，还有哪些部门负责落实节能政策", "…参与制定了这个文件")
    r"(?!部门|单位|机构|机关|配套|税收|优惠)(?![^，,。；？?]*(?:负责|参与|牵头|配合|制定了这))"
    r"(?P<kind>[^，,。；？?]{4,40}?)的(?:政策文件|文件)(?:吗|呢)?[？?。]?$"
)


def kind_asked(question: str) -> re.Match[str] | None:
    """The kind of document a similar-documents question seeks (its ``kind`` group), written after 类似, after the verb
    of issuing, or as the subject of the documents sought; None when it names none."""
    return RE_KIND_ASKED.search(question) or RE_SOUGHT_ASKED.search(question) or RE_DOCS_SOUGHT.search(question)


# the words that close such a kind: a plan's kind and type ("行动方案", "发展规划", "实施意见")
RE_KIND_TYPE_END = re.compile(rf"(?:行动|专项行动|发展|实施|工作)?(?:{doc_type_alternation()})$")
# an alternative that is a type alone ("…的行动计划或管理办法": 管理办法), its subject written before the first one
RE_TYPE_ONLY = re.compile(rf"(?:管理|行动|专项行动|发展|实施|工作|指导|试点)?(?:{doc_type_alternation()})")
# what is not content in such a kind: the type words, years, function words
# what follows the body that issued a plan a question names ("国家发改委等部门出台了…", "江苏省生态环境厅出了…")
RE_ISSUED_AFTER_BODY = re.compile(r"(?:等(?:部门|单位|[一二三四五六七八九十]部门))?(?:联合)?(?:出台了|出了|印发了?|发布了|制定了|转发了?|下发了?|发了)")
# a similar-plans question's words for the places asked about and for how their plans came about ("西北地区还有哪些市州也编制
# 了…", "哪些省市出台了配套的实施方案", "有没有省份据此制定了…", "“十四五”时期的…规划"): framing, not the theme
RE_SIMILAR_FRAMING = re.compile(
    r"省市|市州|州市|市县|县市|县区|区县|地市|省区|盟市|(?:也|还|都)?(?:编制|印发|制定|发布)了|配套的?|据此|等部门|(?<=五”)时期|(?<=五)时期"
    # … nor how or for whom the others issued theirs ("有没有哪个省也专门发了本省…的通知"; not the 出了 of 提出了 or 作出了, the
    # 发了 of 开发了 or 研发了, the 本市 of 资本市场), nor the year of the edition named ("开展2022年全国节能宣传周…的通知": the
    # other places' editions are of any year; not a target's year: "2030年前碳达峰", "2025年底")
    r"|(?:也|还|都)?(?:专门|单独)?(?:出台了|下发了|(?<![开研启颁提作支超突指])发了|(?<![提作支超突指推产演])出了)"
    r"|本省|(?<![资成])本市|本地区?|(?:19|20)\d{2}年(?:度|(?![前后底末内]))"
)
RE_NO_CONTENT = re.compile(rf"{doc_type_alternation()}|的|[\d年]|关于|工作|实施")


# a number a question quotes: digits not part of a year or a count of years (2025年, 3年), a date (6月13日) or a name
# (PM2.5, CO2, 5G), nor a bare year (2025底, 2030前)
RE_QUOTED_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)(?![\d.A-Za-z]|\s*(?:年|月|日|号))")
RE_BARE_YEAR_AFTER = re.compile(r"\s*(?:底|前|后|以前|以后)")


def issued_by_place(before: str, names: tuple[str, ...]) -> bool:
    """Whether the text ``before`` a title ends with the place (one of its ``names``) or its government or office
    ("河北省人民政府", "重庆市", "山西省政府办公厅"): the title is written as that place's own."""
    if not names:
        return False
    return re.search(rf"(?:{'|'.join(map(re.escape, names))})(?:省|市)?(?:人民政府|政府)?(?:办公厅|办公室)?$", before) is not None


def quoted_numbers(question: str) -> list[str]:
    """The numbers a question quotes to name a measure ("年节能量300吨标准煤以上" -> ["300"]), years and dates left out,
    and the numbers of a document number it names ("渝环〔2021〕111号碳惠通办法里…" names the document, not a measure)."""
    text = normalise(question)
    for written, _norm in find_doc_numbers(text):
        text = text.replace(written, " ")
    return [
        m.group(1) for m in RE_QUOTED_NUMBER.finditer(text)
        if not (re.fullmatch(r"(?:19|20)\d{2}", m.group(1)) and RE_BARE_YEAR_AFTER.match(text, m.end()))
    ]


def _own_number(number: str) -> str:
    """The pattern of ``number`` written as a number of its own (300 in 300吨, not in 3000吨 or 2300)."""
    return rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)"


def states_number(sentence: str, number: str) -> bool:
    """Whether ``sentence`` writes ``number`` as a number of its own (300 in 300吨, not in 3000吨 or 2300)."""
    return bool(re.search(_own_number(number), sentence))


def given_figures_re(question: str, quoted: list[str]) -> re.Pattern[str] | None:
    """The figures a question states, each its quoted number with the character the question writes right after it
    ("192家", "300吨"; the bare number when none follows), as one pattern; None when it quotes none."""
    text = normalise(question)
    forms = []
    for number in quoted:
        after = re.search(_own_number(number) + r"\s*([\u4e00-\u9fff%‰])?", text)
        word = after.group(1) if after and after.group(1) else ""
        forms.append(_own_number(number) + (r"\s*" + re.escape(word) if word else ""))
    return re.compile("|".join(forms)) if forms else None


# the level of places a similar-measures question asks about ("还有哪个省", "其他城市"): the words that ask for places and
# the province and city words they ask with (not 省内, 市级, 市场, 市民)
PLACES_ASKED_BY = "哪个|哪些|哪几个|其他|其它|别的|各"
ASKED_PROVINCE = r"省(?!内|里|级|市)"
ASKED_CITY = r"城市|地市|市(?!内|里|级|场|民)"
RE_ASKED_PROVINCES = re.compile(rf"(?:{PLACES_ASKED_BY})(?:{ASKED_PROVINCE}|省级(?:地区|行政区|单位))|省份")
RE_ASKED_CITIES = re.compile(rf"(?:{PLACES_ASKED_BY})(?:{ASKED_CITY})")


# places as what a similar-measures question asks about ("其他地方", "哪些地区", "各地", "地方上"), read in its asking part
# (:func:`asking_part`) — and, there, national bodies or any document asked beside them ("其他地方或国家层面", "还有哪些地方或
# 文件", "其他地方或有关部门", "国家或者其他省份", "其他地方还是国家层面"): a national word in the measure described
# before ("要求各地区梯次有序推进碳达峰，还有哪些文件…", "江苏创建省级和国家级绿色工厂，其他省份…") is neither
RE_ASKED_PLACES = re.compile(
    rf"(?:{PLACES_ASKED_BY}|另外)(?:地方|地区|省份|省市|省区|{ASKED_PROVINCE}|{ASKED_CITY})|地方上|各地"
)
RE_ASKED_BEYOND_PLACES = re.compile(
    r"国家|全国|中央|国务院|部委|部门|(?:或者?|或是|还是|与|和|及|以及|乃至|甚至|、)(?:其他|其它|别的|上级)?文件"
)
# the words that make a clause of a question the asking one ("…，其他地方有没有类似的…", "…，还有哪些文件…")
ASKING_WORDS_RE = re.compile(r"类似|还有|其他|其它|别的|另外|哪些|哪个|哪几|有没有|是否|有无")
CLAUSE_BREAK_RE = re.compile(r"[，,；;：:]")


def asking_part(question: str) -> str:
    """The part of a question from the clause (between commas) that first holds an asking word (类似, 还有, 其他, 哪些,
    有没有 …) to its end — what it asks, after the measure it describes; the whole question when no clause holds one."""
    start = 0
    for piece in CLAUSE_BREAK_RE.split(question):
        if ASKING_WORDS_RE.search(piece):
            return question[start:]
        start += len(piece) + 1
    return question


def asks_places_only(question: str) -> bool:
    """Whether a similar-measures question asks which places (provinces, cities, "其他地方") have the measure and nothing
    beyond them (:func:`asking_part`): a national document is then no answer ("三明出台了绿色金融…方案，其他地方有没有类似的
    绿色金融政策")."""
    asked = asking_part(question)
    return bool(RE_ASKED_PLACES.search(asked)) and not RE_ASKED_BEYOND_PLACES.search(asked)


def asked_level(question: str) -> str | None:
    """The level of documents a question asks for by its place word: provincial (还有哪个省, 其他省份), city (其他城市), or
    None."""
    if RE_ASKED_PROVINCES.search(question):
        return "provincial"
    if RE_ASKED_CITIES.search(question):
        return "city"
    return None


def place_among(place: str, regions: Sequence[str]) -> bool:
    """Whether ``place`` (a qualified region) is among ``regions`` or written the same as one of them in its province
    (宜宾市 and 宜宾县 are both written 宜宾: a question's and a clause's reading of one written place may differ)."""
    return place in regions or any(written_alike(place, r) for r in regions)


def names_scope(question: str, outer: str, inner: str) -> bool:
    """Whether ``inner`` (a qualified place inside ``outer``) is written right after ``outer`` ("山东省威海市",
    "山东的威海"): it then narrows the question's scope, rather than naming a place inside a measure
    ("山东…支持威海绿色金融改革")."""
    text = unicodedata.normalize("NFKC", question)
    at = text.find(outer) if outer else -1
    if at < 0:
        return False
    after = text[at + len(outer) :]
    return any(re.match(rf"^[省市区县的]?\s*{re.escape(form)}", after) for form in (inner, short_name(inner)) if form)


@lru_cache(maxsize=8192)
def _title_bigrams(title: str) -> frozenset[str]:
    """A stored title's bigrams (:func:`search.readmodel.bigrams`), computed once per title."""
    return frozenset(bigrams(title))


# a plan's name the question writes that is as long as this is specific enough to be looked for in clauses' text
MIN_MEASURE_NAME = 8
# the level a question writes before a plan's name, which no title of the level's own documents repeats
LEVEL_OPENING_RE = re.compile(r"^(?:国家|全国|中央|我国|本省|本市|全省|全市|省级|市级|省(?!会|份|内|外)|市(?!场|政|区|县|委|民|容))")
