using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Cart.Data.DynamoDb;

/// <summary>
/// The cart on DynamoDB (<see cref="DynamoCartItems"/>). A change to one line is a conditional UpdateItem of that
/// line's map entry: a quantity is set or increased in place (<c>Quantity = Quantity + :q</c>, never read and
/// written back), a new line goes in only while <c>LineCount &lt; 100</c>, the first line creates the item with
/// <c>attribute_not_exists</c>. A consistent read first chooses which of these to try; when the write's condition
/// says the cart changed meanwhile, it reads and decides again. A merge writes the cart back with <c>Version = read</c>.
/// </summary>
internal sealed class DynamoCartStore(DynamoTable table, TimeProvider clock) : ICartStore
{
    /// <summary>Rounds of "condition failed, read, try again"; each one means another change landed first.</summary>
    private const int MaxAttempts = 20;

    public async Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken) =>
        CartRules.InOrder((await ReadAsync(customerId, cancellationToken))?.Lines ?? []);

    public Task<CartWrite> SetAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken) =>
        quantity <= 0
            ? RemoveAndAnswerAsync(customerId, productId, cancellationToken)
            : ChangeAsync(customerId, productId, quantity, increase: false, cancellationToken);

    public Task<CartWrite> AddAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(customerId, productId, quantity, increase: true, cancellationToken);

    public Task RemoveAsync(Guid customerId, Guid productId, CancellationToken cancellationToken) =>
        RemoveAndAnswerAsync(customerId, productId, cancellationToken);

    /// <summary>Keeps the (empty) item, so that its version only ever grows; see <see cref="MergeAsync"/>.</summary>
    public Task ClearAsync(Guid customerId, CancellationToken cancellationToken) =>
        TryUpdateAsync(customerId, "SET #lines = :empty, #count = :zero, #updated = :now ADD #version :one", "attribute_exists(PK)",
            null, new() { [":empty"] = DynamoCartItems.Map([]), [":zero"] = Attr.N(0) }, cancellationToken);

    public async Task ForgetAsync(Guid customerId, CancellationToken cancellationToken) =>
        await table.Client.DeleteItemAsync(new DeleteItemRequest { TableName = table.Name, Key = DynamoCartItems.Key(customerId) }, cancellationToken);

    public async Task MergeAsync(Guid customerId, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var cart = await ReadAsync(customerId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var merged = CartRules.Merge(cart?.Lines ?? [], lines, now);
            var put = new PutItemRequest
            {
                TableName = table.Name,
                Item = DynamoCartItems.ToItem(customerId, merged, (cart?.Version ?? 0) + 1, now),
                ConditionExpression = cart is null ? "attribute_not_exists(PK)" : "#version = :read",
                ExpressionAttributeNames = cart is null ? null : NamesIn(null, "#version"),
                ExpressionAttributeValues = cart is null ? null : new() { [":read"] = Attr.N(cart.Version) },
            };
            try
            {
                await table.Client.PutItemAsync(put, cancellationToken);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                // Another change landed between the read and the write: merge into what is there now.
            }
        }
        throw new InvalidOperationException($"The cart changed {MaxAttempts} times while it was being merged; nothing was merged.");
    }

    private async Task<CartWrite> ChangeAsync(Guid customerId, Guid productId, int quantity, bool increase, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#p"] = DynamoCartItems.LineKey(productId) };
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // The read only chooses which conditional write to try (a read costs less than a write whose condition
            // fails); the write's condition is what decides.
            var cart = await ReadAsync(customerId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (cart is null)
            {
                if (await TryCreateAsync(customerId, new StoredCartLine(productId, quantity, now), now, cancellationToken))
                {
                    return CartWrite.Done;
                }
                continue;
            }
            var line = cart.Lines.FirstOrDefault(l => l.ProductId == productId);
            if (line is not null)
            {
                if (increase && line.Quantity + quantity > CartRules.MaxQuantity)
                {
                    return CartWrite.TooMany;
                }
                var changed = increase
                    ? await TryUpdateAsync(customerId,
                        "SET #lines.#p.#qty = #lines.#p.#qty + :q, #updated = :now ADD #version :one",
                        "attribute_exists(#lines.#p) AND #lines.#p.#qty <= :room",
                        names, new() { [":q"] = Attr.N(quantity), [":room"] = Attr.N(CartRules.MaxQuantity - quantity) }, cancellationToken)
                    : await TryUpdateAsync(customerId,
                        "SET #lines.#p.#qty = :q, #updated = :now ADD #version :one",
                        "attribute_exists(#lines.#p)",
                        names, new() { [":q"] = Attr.N(quantity) }, cancellationToken);
                if (changed)
                {
                    return CartWrite.Done;
                }
            }
            else
            {
                if (cart.Lines.Count >= CartRules.MaxLines)
                {
                    return CartWrite.CartFull;
                }
                if (await TryUpdateAsync(customerId,
                        "SET #lines.#p = :line, #updated = :now ADD #count :one, #version :one",
                        "attribute_not_exists(#lines.#p) AND #count < :most",
                        names, new() { [":line"] = DynamoCartItems.Line(quantity, now), [":most"] = Attr.N(CartRules.MaxLines) }, cancellationToken))
                {
                    return CartWrite.Done;
                }
            }
            // Another change to this cart landed between the read and the write: look again and decide again.
        }
        throw new InvalidOperationException($"The cart changed {MaxAttempts} times while one line was being changed; nothing was changed.");
    }

    private async Task<CartWrite> RemoveAndAnswerAsync(Guid customerId, Guid productId, CancellationToken cancellationToken)
    {
        // Absent already (or no cart at all): nothing to remove, and that is what was asked.
        await TryUpdateAsync(customerId,
            "REMOVE #lines.#p SET #updated = :now ADD #count :minus, #version :one",
            "attribute_exists(#lines.#p)",
            new() { ["#p"] = DynamoCartItems.LineKey(productId) }, new() { [":minus"] = Attr.N(-1) }, cancellationToken);
        return CartWrite.Done;
    }

    private async Task<bool> TryCreateAsync(Guid customerId, StoredCartLine line, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await table.Client.PutItemAsync(new PutItemRequest
            {
                TableName = table.Name,
                Item = DynamoCartItems.ToItem(customerId, [line], 1, now),
                ConditionExpression = "attribute_not_exists(PK)",
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // another change created the cart first
        }
    }

    /// <summary>One conditional UpdateItem of the cart; false when its condition did not hold (nothing written).</summary>
    /// <summary>Every attribute an expression names goes through a placeholder: <c>Lines</c> is a reserved word.</summary>
    private static readonly Dictionary<string, string> AttributeNames = new()
    {
        ["#lines"] = "Lines", ["#count"] = "LineCount", ["#version"] = "Version", ["#updated"] = "UpdatedAt", ["#qty"] = "Quantity",
    };

    /// <summary>The placeholders <paramref name="expressions"/> use, and only those (DynamoDB refuses an unused one).</summary>
    private static Dictionary<string, string> NamesIn(Dictionary<string, string>? names, params string[] expressions)
    {
        var used = new Dictionary<string, string>(names ?? []);
        foreach (var (placeholder, name) in AttributeNames)
        {
            if (expressions.Any(e => e.Contains(placeholder, StringComparison.Ordinal)))
            {
                used[placeholder] = name;
            }
        }
        return used;
    }

    private async Task<bool> TryUpdateAsync(
        Guid customerId, string update, string condition, Dictionary<string, string>? names, Dictionary<string, AttributeValue> values,
        CancellationToken cancellationToken)
    {
        values[":now"] = Attr.Time(clock.GetUtcNow().UtcDateTime);
        values[":one"] = Attr.N(1);
        try
        {
            await table.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = DynamoCartItems.Key(customerId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = NamesIn(names, update, condition),
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the lines a checkout read and ordered: in one write when the cart is still as read, otherwise each
    /// line that still holds what was ordered, so whatever changed meanwhile stays in the cart.
    /// </summary>
    public async Task RemoveCheckedOutAsync(Guid customerId, DynamoCart read, CancellationToken cancellationToken)
    {
        if (read.Lines.Count == 0)
        {
            return;
        }
        var names = read.Lines.Select((l, i) => (Name: $"#l{i}", l.ProductId)).ToDictionary(n => n.Name, n => DynamoCartItems.LineKey(n.ProductId));
        if (await TryUpdateAsync(customerId,
                $"REMOVE {string.Join(", ", names.Keys.Select(n => $"#lines.{n}"))} SET #updated = :now ADD #count :minus, #version :one",
                "#version = :read",
                names, new() { [":minus"] = Attr.N(-read.Lines.Count), [":read"] = Attr.N(read.Version) }, cancellationToken))
        {
            return;
        }
        foreach (var line in read.Lines)
        {
            await TryUpdateAsync(customerId,
                "REMOVE #lines.#p SET #updated = :now ADD #count :minus, #version :one",
                "#lines.#p.#qty = :ordered",
                new() { ["#p"] = DynamoCartItems.LineKey(line.ProductId) }, new() { [":minus"] = Attr.N(-1), [":ordered"] = Attr.N(line.Quantity) }, cancellationToken);
        }
    }

    public async Task<DynamoCart?> ReadAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name, Key = DynamoCartItems.Key(customerId), ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? DynamoCartItems.ToCart(item) : null;
    }
}
