using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddProductNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_catalog_products_IsArchived_Name_Id",
                table: "catalog_products",
                columns: new[] { "IsArchived", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_catalog_products_IsArchived_Name_Id",
                table: "catalog_products");
        }
    }
}
