namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>What a fake model server answers to the next request.</summary>
public abstract record ModelReply
{
    /// <summary>A plain answer (streamed word by word when the client asks for a stream).</summary>
    public static ModelReply Text(string text) => new TextReply(text);

    /// <summary>The model asks for one tool call with arguments given as JSON.</summary>
    public static ModelReply ToolCall(string name, string argumentsJson) => new ToolCallReply(name, argumentsJson);

    /// <summary>An error status with the provider's error body.</summary>
    public static ModelReply Status(int status) => new StatusReply(status);

    /// <summary>Never answers until the client gives up.</summary>
    public static ModelReply Hang() => new HangReply();

    /// <summary>Streams the first words of the text, then drops the connection.</summary>
    public static ModelReply BreakOffAfter(string text) => new BreakOffReply(text);
}

public sealed record TextReply(string Value) : ModelReply;

public sealed record ToolCallReply(string Name, string ArgumentsJson) : ModelReply;

public sealed record StatusReply(int Code) : ModelReply;

public sealed record HangReply : ModelReply;

public sealed record BreakOffReply(string Value) : ModelReply;
