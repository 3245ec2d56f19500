using CloudMart.Modules.Customers.ManageAccount;

namespace CloudMart.Modules.Customers.AddressBook;

/// <summary>/api/account/addresses: the caller's own address book. Another customer's address is 404.</summary>
internal static class AddressBookEndpoints
{
    public static void Map(RouteGroupBuilder account)
    {
        var addresses = account.MapGroup("/addresses");
        addresses.MapGet("", ListAsync).WithName("ListAddresses")
            .WithSummary("The caller's saved addresses, the default first: [{id, name, line1, line2, city, postalCode, country, isDefault}].");
        addresses.MapPost("", AddAsync).WithName("AddAddress")
            .WithSummary("{name, line1, line2?, city, postalCode, country, isDefault?} → 201; the first address is the default. 400 with errors; 409 when the book holds 20 addresses.");
        addresses.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateAddress")
            .WithSummary("Replaces a saved address (isDefault: true also makes it the default). 200; 400; 404.");
        addresses.MapPost("/{id:guid}/default", SetDefaultAsync).WithName("SetDefaultAddress")
            .WithSummary("Makes the address the default used at checkout. 204; 404.");
        addresses.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAddress")
            .WithSummary("204; when it was the default, the oldest remaining address becomes the default. 404.");
    }

    internal static async Task<Results<Ok<IReadOnlyList<AddressView>>, UnauthorizedHttpResult>> ListAsync(
        ClaimsPrincipal principal, AccountSettings settings, AddressBook book, CancellationToken cancellationToken) =>
        await settings.AccountOfAsync(principal) is { } user ? TypedResults.Ok(await book.ListAsync(user.Id, cancellationToken)) : TypedResults.Unauthorized();

    internal static async Task<Results<Created<AddressView>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> AddAsync(
        AddressInput input, ClaimsPrincipal principal, AccountSettings settings, AddressBook book, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var validation = new Validation();
        if (AddressBook.Validate(input, validation) is not { } address)
        {
            return validation.Problem();
        }
        var (change, saved) = await book.AddAsync(user.Id, address, input.IsDefault == true, cancellationToken);
        return change == AddressChange.Full
            ? TypedResults.Problem($"The address book holds {AddressBook.MaxAddresses} addresses already: delete one first.", statusCode: StatusCodes.Status409Conflict, title: "The address book is full.")
            : TypedResults.Created($"/api/account/addresses/{saved!.Id}", saved);
    }

    internal static async Task<Results<Ok<AddressView>, ValidationProblem, NotFound, UnauthorizedHttpResult>> UpdateAsync(
        Guid id, AddressInput input, ClaimsPrincipal principal, AccountSettings settings, AddressBook book, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var validation = new Validation();
        if (AddressBook.Validate(input, validation) is not { } address)
        {
            return validation.Problem();
        }
        var (change, saved) = await book.UpdateAsync(user.Id, id, address, input.IsDefault == true, cancellationToken);
        return change == AddressChange.NotFound ? TypedResults.NotFound() : TypedResults.Ok(saved!);
    }

    internal static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> SetDefaultAsync(
        Guid id, ClaimsPrincipal principal, AccountSettings settings, AddressBook book, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await book.SetDefaultAsync(user.Id, id, cancellationToken) == AddressChange.NotFound ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal principal, AccountSettings settings, AddressBook book, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await book.DeleteAsync(user.Id, id, cancellationToken) == AddressChange.NotFound ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
