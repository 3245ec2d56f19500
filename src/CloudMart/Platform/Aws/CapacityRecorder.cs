using System.Diagnostics.Metrics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using CloudMart.Platform.Observability;

namespace CloudMart.Platform.Aws;

/// <summary>What one DynamoDB call consumed: as the service reported it (null when it did not) and by the documented rules.</summary>
internal sealed record CapacityUse(string Operation, bool IsWrite, double? Measured, double Computed);

/// <summary>
/// With <c>CloudMart:DynamoDb:RecordCapacity</c> on, every call of the shop's DynamoDB client asks for
/// <c>ReturnConsumedCapacity=TOTAL</c>, and what comes back is added to the counter
/// <c>cloudmart.dynamodb.capacity_units</c> (tags: <c>kind</c> read or write, <c>operation</c>, <c>source</c>):
/// <c>measured</c> is the service's own figure; <c>computed</c> is the same call priced by DynamoDB's documented rules
/// from the item sizes the call carried (<see cref="CapacityRules"/>), for emulators that report nothing or report
/// their own approximation. Hooked in the client's request pipeline, so no adapter has to remember it.
/// </summary>
internal static class CapacityRecorder
{
    public const string InstrumentName = "cloudmart.dynamodb.capacity_units";

    // Same meter name as CloudMartTelemetry's, so the exporters that listen to "CloudMart" see this counter too.
    private static readonly Meter Meter = new(CloudMartTelemetry.MeterName);

    public static readonly Counter<double> Units = Meter.CreateCounter<double>(InstrumentName, unit: "{unit}",
        description: "DynamoDB capacity units by kind (read, write), operation and source (measured by the service, computed from item sizes)");

    /// <summary>The shop's DynamoDB client; with <paramref name="record"/>, one whose pipeline counts every call's capacity.</summary>
    public static AmazonDynamoDBClient CreateClient(bool record, AWSCredentials? credentials, AmazonDynamoDBConfig config) =>
        (record, credentials) switch
        {
            (true, null) => new RecordingClient(config),
            (true, _) => new RecordingClient(credentials, config),
            (false, null) => new AmazonDynamoDBClient(config),
            (false, _) => new AmazonDynamoDBClient(credentials, config),
        };

    private static void AskForCapacity(AmazonWebServiceRequest request)
    {
        switch (request)
        {
            case GetItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case PutItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case UpdateItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case DeleteItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case QueryRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case ScanRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case BatchGetItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case BatchWriteItemRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case TransactGetItemsRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            case TransactWriteItemsRequest r: r.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
        }
    }

    private static void Record(AmazonWebServiceRequest request, AmazonWebServiceResponse response)
    {
        if (Use(request, response) is not { } use)
        {
            return;
        }
        var kind = use.IsWrite ? "write" : "read";
        if (use.Measured is { } measured)
        {
            Units.Add(measured, new("kind", kind), new("operation", use.Operation), new("source", "measured"));
        }
        Units.Add(use.Computed, new("kind", kind), new("operation", use.Operation), new("source", "computed"));
    }

    /// <summary>The client with one more handler in its pipeline, before the request is marshalled and after it is answered.</summary>
    private sealed class RecordingClient : AmazonDynamoDBClient
    {
        public RecordingClient(AmazonDynamoDBConfig config)
            : base(config)
        {
        }

        public RecordingClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
            : base(credentials, config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            pipeline.AddHandlerBefore<Marshaller>(new CapacityHandler());
        }
    }

    private sealed class CapacityHandler : PipelineHandler
    {
        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var request = executionContext.RequestContext.OriginalRequest;
            AskForCapacity(request);
            var response = await base.InvokeAsync<T>(executionContext);
            Record(request, response);
            return response;
        }
    }

    /// <summary>The capacity one answered call used; null for calls that use none (table management, streams).</summary>
    public static CapacityUse? Use(AmazonWebServiceRequest request, AmazonWebServiceResponse response) => (request, response) switch
    {
        (GetItemRequest q, GetItemResponse r) => new("GetItem", false, Reported(r.ConsumedCapacity, write: false),
            CapacityRules.ReadUnits(CapacityRules.ItemSize(r.Item), CapacityRules.Consistency(q.ConsistentRead))),
        (QueryRequest q, QueryResponse r) => new("Query", false, Reported(r.ConsumedCapacity, write: false),
            CapacityRules.ReadUnits(r.Items?.Sum(CapacityRules.ItemSize) ?? 0, CapacityRules.Consistency(q.ConsistentRead))),
        (ScanRequest q, ScanResponse r) => new("Scan", false, Reported(r.ConsumedCapacity, write: false),
            CapacityRules.ReadUnits(r.Items?.Sum(CapacityRules.ItemSize) ?? 0, CapacityRules.Consistency(q.ConsistentRead))),
        (BatchGetItemRequest q, BatchGetItemResponse r) => new("BatchGetItem", false, Reported(r.ConsumedCapacity, write: false),
            (r.Responses ?? []).Sum(table => table.Value.Sum(item => CapacityRules.ReadUnits(CapacityRules.ItemSize(item),
                CapacityRules.Consistency(q.RequestItems?.GetValueOrDefault(table.Key)?.ConsistentRead))))),
        (TransactGetItemsRequest, TransactGetItemsResponse r) => new("TransactGetItems", false, Reported(r.ConsumedCapacity, write: false),
            (r.Responses ?? []).Sum(item => CapacityRules.ReadUnits(CapacityRules.ItemSize(item.Item), ReadKind.Transactional))),
        (PutItemRequest q, PutItemResponse r) => new("PutItem", true, Reported(r.ConsumedCapacity, write: true),
            CapacityRules.WriteUnits(Math.Max(CapacityRules.ItemSize(q.Item), CapacityRules.ItemSize(r.Attributes)))),
        (UpdateItemRequest q, UpdateItemResponse r) => new("UpdateItem", true, Reported(r.ConsumedCapacity, write: true),
            CapacityRules.WriteUnits(Math.Max(UpdateSize(q.Key, q.ExpressionAttributeValues), CapacityRules.ItemSize(r.Attributes)))),
        (DeleteItemRequest q, DeleteItemResponse r) => new("DeleteItem", true, Reported(r.ConsumedCapacity, write: true),
            CapacityRules.WriteUnits(Math.Max(CapacityRules.ItemSize(q.Key), CapacityRules.ItemSize(r.Attributes)))),
        (BatchWriteItemRequest q, BatchWriteItemResponse r) => new("BatchWriteItem", true, Reported(r.ConsumedCapacity, write: true),
            (q.RequestItems ?? []).Sum(table => table.Value.Sum(w =>
                CapacityRules.WriteUnits(w.PutRequest is { } put ? CapacityRules.ItemSize(put.Item) : CapacityRules.ItemSize(w.DeleteRequest?.Key))))),
        (TransactWriteItemsRequest q, TransactWriteItemsResponse r) => new("TransactWriteItems", true, Reported(r.ConsumedCapacity, write: true),
            (q.TransactItems ?? []).Sum(item => CapacityRules.WriteUnits(TransactWriteSize(item), transactional: true))),
        _ => null,
    };

    /// <summary>
    /// An update is charged on the larger of the item before and after it; a call that does not return the item
    /// carries only its key and new values, so this is a lower bound (exact while items stay under 1 KB).
    /// </summary>
    private static long UpdateSize(Dictionary<string, AttributeValue>? key, Dictionary<string, AttributeValue>? values) =>
        CapacityRules.ItemSize(key) + CapacityRules.ItemSize(values);

    private static long TransactWriteSize(TransactWriteItem item) =>
        item.Put is { } put ? CapacityRules.ItemSize(put.Item)
        : item.Update is { } update ? UpdateSize(update.Key, update.ExpressionAttributeValues)
        : item.Delete is { } delete ? CapacityRules.ItemSize(delete.Key)
        : CapacityRules.ItemSize(item.ConditionCheck?.Key);

    private static double? Reported(ConsumedCapacity? consumed, bool write) =>
        consumed is null ? null : (write ? consumed.WriteCapacityUnits : consumed.ReadCapacityUnits) ?? consumed.CapacityUnits;

    private static double? Reported(List<ConsumedCapacity>? consumed, bool write) =>
        consumed is null || consumed.Count == 0 ? null : consumed.Sum(c => Reported(c, write) ?? 0);
}
