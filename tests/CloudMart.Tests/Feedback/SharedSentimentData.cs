namespace CloudMart.Tests.Feedback;

/// <summary>The shared sentiment data beside the repository (<c>../shared/data/sentiment</c>): read by tests, never copied in.</summary>
internal static class SharedSentimentData
{
    public static string Folder { get; } = Find();

    public static string LabelledSentences => Path.Combine(Folder, "labelled-sentences");

    public static string VaderLexicon => Path.Combine(Folder, "vader_lexicon.txt");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudMart.slnx")))
            {
                var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "sentiment"));
                return Directory.Exists(folder) ? folder : throw new InvalidOperationException($"The shared sentiment data is missing: {folder}");
            }
        }
        throw new InvalidOperationException("The repository root (CloudMart.slnx) is not above the test binaries.");
    }
}
