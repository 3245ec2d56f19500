using CloudMart.Modules.Customers.ManageAccount;
using Microsoft.AspNetCore.Mvc;

namespace CloudMart.Modules.Customers.CloseAccount;

/// <summary>DELETE /api/account: close your own account, confirmed with your password.</summary>
internal static class CloseAccountEndpoint
{
    public static void Map(RouteGroupBuilder account) =>
        account.MapDelete("", CloseAsync)
            .WithName("CloseAccount")
            .WithSummary("{password} → 204: the account is closed, its personal data removed; orders are kept. 400 for a wrong password; 409 for a staff account.");

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> CloseAsync(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CloseAccountInput? input,
        ClaimsPrincipal principal, AccountSettings settings, AccountClosure closure, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var validation = new Validation();
        return await closure.CloseAsync(user, input?.Password, cancellationToken) switch
        {
            ClosureOutcome.WrongPassword => Refuse(validation),
            ClosureOutcome.StaffAccount => TypedResults.Problem("Staff accounts are not closed here: an administrator removes the staff roles first.",
                statusCode: StatusCodes.Status409Conflict, title: "A staff account cannot close itself."),
            _ => TypedResults.NoContent(),
        };
    }

    private static ValidationProblem Refuse(Validation validation)
    {
        validation.Add("password", "Enter your password to close your account.");
        return validation.Problem();
    }
}
