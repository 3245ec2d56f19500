using CloudMart.Modules.Assistant.Data;
using CloudMart.Modules.Customers.Contracts;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Assistant.ForgetCustomer;

/// <summary>A closed account's conversations with the assistant go with it (support tickets stay with the support team).</summary>
internal sealed class ForgetClosedAccountConversations(AssistantDbContext db) : IEventHandler<CustomerAccountClosed>
{
    public Task HandleAsync(CustomerAccountClosed e, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(async ct =>
        {
            var conversations = db.Conversations.Where(c => c.CustomerId == e.CustomerId).Select(c => c.Id);
            await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Conversations.Where(c => c.CustomerId == e.CustomerId).ExecuteDeleteAsync(ct);
        }, cancellationToken);
}
