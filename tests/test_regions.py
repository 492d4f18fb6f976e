"""Gazetteer built from cpca's administrative codes."""

from __future__ import annotations

import pytest

from ingest.records import Region
from ingest.regions import Gazetteer, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    "name, full, level, parent",
    [
        ("太原", "太原市", "city", "山西省"),
        ("太原市", "太原市", "city", "山西省"),
        ("山西", "山西省", "province", "全国"),
        ("陕西", "陕西省", "province", "全国"),
        ("江西", "江西省", "province", "全国"),
        ("江苏", "江苏省", "province", "全国"),
        ("晋中", "晋中市", "city", "山西省"),
        ("晋城", "晋城市", "city", "山西省"),
        ("清徐", "清徐县", "county", "太原市"),
        ("北京", "北京市", "province", "全国"),
        ("大兴区", "大兴区", "county", "北京市"),
        ("内蒙古", "内蒙古自治区", "province", "全国"),
        ("广西", "广西壮族自治区", "province", "全国"),
        ("延边", "延边朝鲜族自治州", "city", "吉林省"),
        ("全国", "全国", "country", None),
        ("国家", "全国", "country", None),
    ],
)
def test_resolve(gaz: Gazetteer, name: str, full: str, level: str, parent: str | None) -> None:
    region = gaz.resolve(name)
    assert region is not None
    assert (region.name, region.level, region.parent) == (full, level, parent)


def test_resolve_unknown_and_ambiguous(gaz: Gazetteer) -> None:
    assert gaz.resolve("节能减排") is None
    assert gaz.resolve("鼓楼区") is None  # four 鼓楼区: ambiguous without context
    assert gaz.resolve("鼓楼区", context_region="福建省").parent == "福州市"
    assert gaz.resolve("朝阳", context_region="北京市").name == "朝阳区"


def test_document_region_record(gaz: Gazetteer) -> None:
    assert gaz.resolve("太原市") == Region("太原市", "city", parent="山西省", code="140100")


def test_ancestors(gaz: Gazetteer) -> None:
    assert [r.name for r in gaz.ancestors("清徐县")] == ["太原市", "山西省", "全国"]
    assert gaz.ancestors("全国") == []


MENTIONS = [
    # 太原 seed
    ("推进清徐精细化工循环产业园区煤化工污水综合处理配套项目实施", "太原市", ["清徐县"]),
    ("在阳曲、娄烦等县开展分布式光伏试点", "太原市", ["阳曲县", "娄烦县"]),
    # look-alikes
    ("扶持太原、晋城等市实施城市电动公交示范项目", "山西省", ["太原市", "晋城市"]),
    ("与陕西、山西、江西等省份合作", None, ["陕西省", "山西省", "江西省"]),
    # common words that are also short region names are not mentions
    ("大力发展新兴产业，坚持绿水青山就是金山银山，和平发展", None, []),
    # a short county name outside the document's province is ignored
    ("推进清徐精细化工园区建设", "江苏省", []),
    # the whole country is not a mention
    ("全国碳市场", None, []),
]


@pytest.mark.parametrize("text, context, expected", MENTIONS)
def test_find_mentions(gaz: Gazetteer, text: str, context: str | None, expected: list[str]) -> None:
    assert [r.name for r in gaz.find_mentions(text, context_region=context)] == expected


def test_region_records_include_ancestors(gaz: Gazetteer) -> None:
    names = [r.name for r in gaz.region_records(["清徐县", "太原市", "晋中市"])]
    assert names == ["全国", "山西省", "太原市", "晋中市", "清徐县"]


def test_loaded_once() -> None:
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize(
    ("name", "within", "expected"),
    [
        ("南昌铁路局", "江西省", "南昌市"),  # 江西 89
        ("上饶车务段", "上饶市", "上饶市"),  # 上饶 355: the plan's own city
        ("东湖高新区管委会", "武汉市", None),  # 东湖区 is in 江西, not in 武汉's province
        ("江西财政厅", "江西省", None),  # the province itself is not "a place of the province"
        ("南昌铁路局", "", None),  # no plan region
    ],
)
def test_place_opening(gaz: Gazetteer, name: str, within: str, expected: str | None) -> None:
    region = gaz.place_opening(name, within)
    assert (region.name if region else None) == expected


def test_region_groups_name_known_regions(gaz: Gazetteer) -> None:
    from ingest.regions import region_groups

    groups = region_groups()
    assert groups and all(g.forms and g.members for g in groups)
    assert all(gaz.resolve(member) is not None for g in groups for member in g.members)


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("川渝两地建立跨区域合作项目财税利益分享机制", ("四川省", "重庆市")),  # 成渝 57
        ("成渝地区双城经济圈碳达峰碳中和联合行动方案", ("四川省", "重庆市")),
        ("京津冀协同推进大气污染治理", ("北京市", "天津市", "河北省")),
        ("太原市节能减排", None),
        # the geographic regions, written with 地区 or their count (frozen28 qf28-2-32); never the bare direction of a
        # body's name (国家能源局西北监管局, pdf2 108 青海's addressees)
        ("西北地区还有哪些市州也编制了十四五生态环境保护规划", ("陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区")),
        ("东北三省的林草碳汇", ("辽宁省", "吉林省", "黑龙江省")),
        ("国家能源局各司、西北监管局", None),
    ],
)
def test_groups_named(text: str, members: tuple[str, ...] | None) -> None:
    from ingest.regions import groups_named

    found = groups_named(text)
    assert (found[0].members if found else None) == members
