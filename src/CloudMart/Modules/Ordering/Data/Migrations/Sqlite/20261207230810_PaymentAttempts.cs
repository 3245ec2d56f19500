using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudMart.Modules.Ordering.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PaymentAttempt",
                table: "ordering_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PaymentAttempt",
                table: "ordering_orders");
        }
    }
}
