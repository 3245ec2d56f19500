using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Catalog.Data.Migrations.Postgres
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
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_product_vectors", x => x.ProductId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_product_vectors_UpdatedAt",
                table: "catalog_product_vectors",
                column: "UpdatedAt");

            // Keyword search: a stored tsvector (name weighted above the rest, English stemming) with a GIN index.
            migrationBuilder.Sql("""
                ALTER TABLE catalog_products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Name"), 'A') || setweight(to_tsvector('english', "SearchText"), 'B')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_catalog_products_search_vector ON catalog_products USING GIN (search_vector);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_product_vectors");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_catalog_products_search_vector;");
            migrationBuilder.Sql("ALTER TABLE catalog_products DROP COLUMN IF EXISTS search_vector;");
        }
    }
}
