namespace CloudMart.Modules.Ordering.Reports;

/// <summary>
/// The back-office dashboard's sales figures: a relational adapter (<see cref="SalesReport"/>, two queries over the
/// period's orders) and a DynamoDB adapter (<see cref="Data.DynamoDb.DynamoSalesReport"/>, one counter item a day).
/// </summary>
internal interface ISalesReport
{
    /// <summary>The last <paramref name="days"/> UTC days, today last (1 to <see cref="SalesReport.MaxDays"/>).</summary>
    Task<SalesSummary> SummariseAsync(int days, CancellationToken cancellationToken);
}
