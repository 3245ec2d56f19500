using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddProductSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_product_vectors",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TextHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_product_vectors", x => x.ProductId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_product_vectors_UpdatedAt",
                table: "catalog_product_vectors",
                column: "UpdatedAt");

            // Keyword search: an FTS5 index over the products' own text (external content, so the text is stored once),
            // stemmed with Porter, kept in step by triggers. Stock updates do not touch it (UPDATE OF Name, SearchText).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE catalog_products_fts USING fts5(
                    Name, SearchText, content='catalog_products', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("INSERT INTO catalog_products_fts(catalog_products_fts) VALUES('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_insert AFTER INSERT ON catalog_products BEGIN
                    INSERT INTO catalog_products_fts(rowid, Name, SearchText) VALUES (new.rowid, new.Name, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_delete AFTER DELETE ON catalog_products BEGIN
                    INSERT INTO catalog_products_fts(catalog_products_fts, rowid, Name, SearchText) VALUES ('delete', old.rowid, old.Name, old.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_update AFTER UPDATE OF Name, SearchText ON catalog_products BEGIN
                    INSERT INTO catalog_products_fts(catalog_products_fts, rowid, Name, SearchText) VALUES ('delete', old.rowid, old.Name, old.SearchText);
                    INSERT INTO catalog_products_fts(rowid, Name, SearchText) VALUES (new.rowid, new.Name, new.SearchText);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_product_vectors");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS catalog_products_fts;");
        }
    }
}
