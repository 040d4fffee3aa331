"""The DDL reader on SQL Server scripts: brackets, GO, IDENTITY, DEFAULT … FOR, extended properties."""

from __future__ import annotations

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.model.diagnostics import Notes
from sekkei.model.location import Location
from sekkei.model.schema import Identity, IndexElement, Schema, SqlExpr


def read(sql: str, *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_generic(sql, ReadOptions(source="m.sql", strict=strict), notes, "mssql"), notes


SSMS = """\
SET ANSI_NULLS ON
GO
CREATE TABLE [dbo].[Customer](
	[Id] [int] IDENTITY(1,1) NOT NULL,
	[Code] [int] IDENTITY(100, 5) NOT NULL,
	[Name] [nvarchar](max) NULL,
	[Email] NVARCHAR(50) NOT NULL CONSTRAINT [DF_Customer_Email] DEFAULT (N''),
	[Created] [datetime2](7) NOT NULL,
	[Total] AS ([Id] * 2) PERSISTED,
 CONSTRAINT [PK_Customer] PRIMARY KEY NONCLUSTERED ([Id] ASC)
 WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
ALTER TABLE [dbo].[Customer] ADD  CONSTRAINT [DF_Customer_Created]  DEFAULT (getdate()) FOR [Created]
GO
CREATE TABLE [sales].[Order] (
  [Id] INT NOT NULL PRIMARY KEY,
  [CustomerId] INT NOT NULL FOREIGN KEY REFERENCES [dbo].[Customer] ([Id]),
  [Note] VARCHAR(100),
  INDEX [ix_note] NONCLUSTERED ([Note])
)
GO
ALTER TABLE [sales].[Order] WITH CHECK ADD CONSTRAINT [FK_Order_Customer] FOREIGN KEY([CustomerId])
REFERENCES [dbo].[Customer] ([Id]) ON DELETE CASCADE
GO
ALTER TABLE [sales].[Order] CHECK CONSTRAINT [FK_Order_Customer]
GO
CREATE UNIQUE NONCLUSTERED INDEX [ux_order] ON [sales].[Order] ([CustomerId] DESC)
INCLUDE ([Note]) WHERE ([Note] IS NOT NULL) WITH (ONLINE = ON) ON [PRIMARY]
GO
CREATE CLUSTERED INDEX [cx] ON [sales].[Order] ([Note])
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'People who buy',
  @level0type=N'SCHEMA', @level0name=N'dbo', @level1type=N'TABLE', @level1name=N'Customer'
GO
EXEC sp_addextendedproperty 'MS_Description', 'Where to write', 'SCHEMA', 'dbo', 'TABLE', 'Customer',
  'COLUMN', 'Email'
GO
"""


def test_tables_in_schemas_with_bracketed_names() -> None:
    schema, notes = read(SSMS)
    assert list(schema.tables) == ["Customer", "sales.Order"]  # dbo is the default namespace
    assert "sales" in schema.namespaces
    customer = schema.tables["Customer"]
    assert customer.columns["Id"].identity == Identity(generated="by_default")
    assert customer.columns["Code"].identity == Identity(generated="by_default", start=100, increment=5)
    assert customer.columns["Name"].type == "text"  # nvarchar(max)
    assert customer.columns["Email"].default == ""
    assert customer.columns["Created"].default == SqlExpr(sql="getdate()")
    assert customer.columns["Total"].generated is not None
    assert customer.columns["Total"].generated.sql == "[Id] * 2"
    assert customer.columns["Total"].generated.stored
    assert customer.primary_key is not None and customer.primary_key.name == "PK_Customer"
    assert customer.options == {"mssql": {"primary_key": "nonclustered"}}
    assert customer.comment == "People who buy"
    assert customer.columns["Email"].comment == "Where to write"
    assert {n.message for n in notes if n.code == "statement-skipped"} == {
        "skipped 1 SET statement (session or tool setting, not schema)"}


def test_foreign_keys_and_indexes() -> None:
    schema, _ = read(SSMS)
    order = schema.tables["sales.Order"]
    assert [(f.name, f.references.table, f.on_delete) for f in order.foreign_keys] == [
        (None, "Customer", None), ("FK_Order_Customer", "Customer", "cascade")]
    by_name = {i.name: i for i in order.indexes}
    assert by_name["ix_note"].columns == ("Note",)
    ux = by_name["ux_order"]
    assert ux.unique and ux.columns == (IndexElement(column="CustomerId", order="desc"),)
    assert ux.include == ("Note",) and ux.where == "([Note] IS NOT NULL)"
    assert by_name["cx"].options == {"clustered": "true"}


def test_locations_across_go_batches() -> None:
    schema, _ = read(SSMS)
    assert schema.tables["Customer"].loc == Location("m.sql", 3, 14)  # at its name
    assert schema.tables["sales.Order"].foreign_keys[1].loc == Location("m.sql", 23, 44)


def test_key_columns_with_an_order() -> None:
    sql = "CREATE TABLE t ([a] int NOT NULL, CONSTRAINT [UQ] UNIQUE NONCLUSTERED ([a] ASC)) ON [PRIMARY]"
    assert read(sql)[0].tables["t"].uniques[0].columns == ("a",)


def test_default_constraints_can_be_dropped_by_name() -> None:
    sql = ("CREATE TABLE t (a INT CONSTRAINT df_a DEFAULT 1, b INT)\nGO\n"
           "ALTER TABLE t ADD CONSTRAINT df_b DEFAULT 2 FOR b\nGO\n"
           "ALTER TABLE t DROP CONSTRAINT df_a, df_b\nGO\n")
    t = read(sql)[0].tables["t"]
    assert t.columns["a"].default is None and t.columns["b"].default is None


def test_alter_column_and_add_list() -> None:
    sql = "CREATE TABLE t (a INT)\nALTER TABLE t ADD b INT, c VARCHAR(10) NOT NULL\nALTER TABLE t ALTER COLUMN a BIGINT NOT NULL"
    t = read(sql)[0].tables["t"]
    assert list(t.columns) == ["a", "b", "c"]
    assert t.columns["a"].type == "bigint" and t.columns["a"].nullable is False
    assert t.columns["c"].nullable is False


def test_routines_views_and_alias_types() -> None:
    sql = """\
CREATE TYPE [dbo].[Phone] FROM [varchar](25) NOT NULL
GO
CREATE TABLE t (p Phone)
GO
CREATE VIEW [dbo].[v] WITH SCHEMABINDING AS SELECT p FROM [dbo].[t]
GO
CREATE PROCEDURE [dbo].[p] @x INT AS
BEGIN
  SET NOCOUNT ON;
  SELECT @x;
END
GO
CREATE OR ALTER FUNCTION dbo.f (@a INT) RETURNS INT AS BEGIN RETURN @a + 1; END
GO
"""
    schema, _ = read(sql)
    assert schema.domains["Phone"].type == "varchar(25)" and schema.domains["Phone"].nullable is False
    assert schema.tables["t"].columns["p"].type == "Phone"
    assert schema.views["v"].sql == "SELECT p FROM [dbo].[t]"
    assert [(r.name, r.kind) for r in schema.routines] == [("p", "procedure"), ("f", "function")]


def test_statements_without_semicolons_or_go() -> None:
    sql = "CREATE TABLE a (x INT PRIMARY KEY)\nCREATE TABLE b (y INT REFERENCES a (x))\nCREATE INDEX ix ON b (y)\n"
    schema, _ = read(sql)
    assert list(schema.tables) == ["a", "b"]
    assert schema.tables["b"].indexes[0].name == "ix"
