using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Recommendations.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendations_co_purchases",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Together = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations_co_purchases", x => new { x.ProductId, x.OtherProductId });
                });

            migrationBuilder.CreateTable(
                name: "recommendations_customers",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations_customers", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "recommendations_product_buyers",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Buyers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations_product_buyers", x => x.ProductId);
                });

            migrationBuilder.CreateTable(
                name: "recommendations_purchased_lines",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations_purchased_lines", x => new { x.OrderId, x.ProductId });
                });

            migrationBuilder.CreateTable(
                name: "recommendations_views",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false),
                    LastViewedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations_views", x => new { x.CustomerId, x.ProductId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_co_purchases_ProductId_Together",
                table: "recommendations_co_purchases",
                columns: new[] { "ProductId", "Together" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_product_buyers_Buyers",
                table: "recommendations_product_buyers",
                column: "Buyers");

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_purchased_lines_CustomerId_State",
                table: "recommendations_purchased_lines",
                columns: new[] { "CustomerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_views_CustomerId_LastViewedAt",
                table: "recommendations_views",
                columns: new[] { "CustomerId", "LastViewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recommendations_co_purchases");

            migrationBuilder.DropTable(
                name: "recommendations_customers");

            migrationBuilder.DropTable(
                name: "recommendations_product_buyers");

            migrationBuilder.DropTable(
                name: "recommendations_purchased_lines");

            migrationBuilder.DropTable(
                name: "recommendations_views");
        }
    }
}
