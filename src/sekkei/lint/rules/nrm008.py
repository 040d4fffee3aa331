"""NRM008: entity–attribute–value tables (entity_id, attribute, value) hide a schema inside data."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

ATTRIBUTE = frozenset(
    """attribute attribute_name attr attr_name attribute_key key meta_key property property_name prop
    prop_name field field_name name param param_name parameter parameter_name setting setting_name
    setting_key option_name option_key attribute_id property_id field_id attribute_code
    属性 属性名 属性キー 項目 項目名 項目キー キー 属性项 属性名称 字段 字段名 键
    속성 속성명 항목 키""".split()
)
VALUE = frozenset(
    """value val meta_value attribute_value attr_value property_value prop_value field_value setting_value
    option_value param_value parameter_value value_text text_value string_value value_string value_str
    int_value value_int integer_value value_integer number_value numeric_value value_number value_numeric
    decimal_value value_decimal float_value date_value value_date datetime_value value_datetime bool_value
    boolean_value value_bool value_boolean json_value value_json
    値 属性値 設定値 項目値 值 属性值 字段值 값 속성값 설정값""".split()
)
_ENTITY = frozenset({"entity", "entity_type", "object_type"})
# columns any table may have that say nothing about its shape
_BOOKKEEPING = frozenset(
    """created_at updated_at deleted_at created_by updated_by created_on updated_on modified_at modified_by
    version sort_order position locale lang language tenant_id""".split()
)


class Options(RuleOptions):
    max_other_columns: int = Field(
        2,
        ge=0,
        description="How many other columns an EAV table may have besides key, entity, attribute and value.",
    )


def _normal(name: str) -> str:
    return unicodedata.normalize("NFKC", name).lower()


class EntityAttributeValue(Rule):
    """Entity–attribute–value tables (``entity_id``, ``attribute``, ``value``) hide a schema inside data.

    Why:
        A table of ``(post_id, meta_key, meta_value)`` rows stores each
        attribute as a row instead of a column.  The database can no longer
        help: every value has one type (usually text), ``NOT NULL``, ``CHECK``
        and foreign keys cannot be declared per attribute, a misspelt key is a
        new attribute, and reading one entity back takes one join (or pivot)
        per attribute.  It is the right tool only for attributes that users
        define at run time.

    Instead:
        Model the attributes you know as typed columns (a 1:1 side table if
        they are optional), and keep truly user-defined attributes in a
        ``jsonb``/``json`` column or an EAV table with a typed value per
        attribute type and a table of allowed attributes.  Silence the finding
        with ``nolint: {NRM008: "user-defined fields"}`` where EAV is deliberate.
    """

    code = "NRM008"
    name = "entity-attribute-value"
    summary = "Entity–attribute–value tables hide a schema inside data."
    summary_ja = "エンティティ・属性・値(EAV)形式のテーブルは、スキーマをデータの中に隠してしまう。"
    doc_ja = """
    理由:
        ``(post_id, meta_key, meta_value)`` の行を持つテーブルは、属性を列ではなく行として格納します。
        データベースは何も助けられなくなります。値はすべて一つの型(たいてい文字列)で、属性ごとの
        ``NOT NULL``・``CHECK``・外部キーは宣言できず、キーの綴りを間違えれば新しい属性になり、1 件の
        エンティティを読み戻すのに属性ごとの結合(やピボット)が必要です。実行時に利用者が属性を
        定義する場合にだけ適した方法です。

    代わりに:
        分かっている属性は型のある列としてモデル化し(任意の属性なら 1 対 1 の別テーブルへ)、本当に
        利用者定義の属性だけを ``jsonb``・``json`` 列か、型ごとの値列と許可する属性の表を持つ EAV に
        置いてください。意図的な EAV なら ``nolint: {NRM008: "利用者定義項目"}`` で抑止できます。
    """
    category = "design"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        # only tables with a value column can be EAV: find them by name, not by scanning every table
        groups = [infos for lname, infos in ctx.columns_by_name.items() if _normal(lname) in VALUE]
        candidates = dict.fromkeys(info.key for infos in groups for info in infos)
        for key in candidates:
            table = ctx.schema.tables[key]
            if table.partition_of is not None or len(table.columns) < 3:
                continue
            normal = {name: _normal(name) for name in table.columns}
            attributes = [n for n, low in normal.items() if low in ATTRIBUTE]
            values = [n for n, low in normal.items() if low in VALUE]
            if not attributes or not values:
                continue
            pk = set(table.primary_key.columns) if table.primary_key is not None else set()
            fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
            if any(v in fk_columns for v in values):
                continue  # the value points somewhere: a link table, not EAV
            attribute = attributes[0]
            entities = [
                n
                for n, low in normal.items()
                if n != attribute
                and (n in fk_columns or low.endswith("_id") or low in _ENTITY)
                and not (pk == {n} and n not in fk_columns)
            ]
            entities.sort(key=lambda n: n not in fk_columns)  # a declared reference names it best
            if not entities:
                continue  # a plain key-value store (settings) has no entity
            used = {attribute, *values, *entities, *pk}
            others = [n for n, low in normal.items() if n not in used and low not in _BOOKKEEPING]
            if len(others) > options.max_other_columns:
                continue
            shape = ", ".join([entities[0], attribute, values[0]])
            yield self.finding(
                Target("table", key),
                f"entity-attribute-value table: each row ({shape}) stores one attribute as data",
                hint="make known attributes typed columns (a 1:1 side table if optional); keep user-defined "
                "ones in a json column or typed value columns",
            )
