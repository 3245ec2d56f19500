using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchWordsJoinedByHyphens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL's parser reads "LANT-123456" or "T-1000" as a word and a negative number ('-1000'), so a search
            // for the words a shopper sees ("t", "1000", as SearchTerms splits them) missed it. Hyphens become spaces
            // before parsing, as FTS5's tokenizer already treats them on SQLite.
            migrationBuilder.Sql("""
                ALTER TABLE catalog_products DROP COLUMN search_vector;
                ALTER TABLE catalog_products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', translate("Name", '-', ' ')), 'A') || setweight(to_tsvector('english', translate("SearchText", '-', ' ')), 'B')) STORED;
                CREATE INDEX ix_catalog_products_search_vector ON catalog_products USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE catalog_products DROP COLUMN search_vector;
                ALTER TABLE catalog_products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Name"), 'A') || setweight(to_tsvector('english', "SearchText"), 'B')) STORED;
                CREATE INDEX ix_catalog_products_search_vector ON catalog_products USING GIN (search_vector);
                """);
        }
    }
}
