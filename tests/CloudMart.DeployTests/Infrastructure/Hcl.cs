using System.Text;

namespace CloudMart.DeployTests.Infrastructure;

/// <summary>A block of a Terraform file: <c>resource "type" "name" { … }</c>, with its attributes as raw expressions.</summary>
internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<HclBlock> Blocks, string File)
{
    public string Name => Labels.Count > 0 ? string.Join('.', Labels) : Type;

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<HclBlock> Children(string type) => Blocks.Where(b => b.Type == type);

    public HclBlock? Child(string type) => Blocks.FirstOrDefault(b => b.Type == type);

    /// <summary>Every block below this one, at any depth (dynamic blocks' content included).</summary>
    public IEnumerable<HclBlock> Descendants() => Blocks.SelectMany(b => b.Descendants().Prepend(b));

    public override string ToString() => $"{File}: {Type} {string.Join(' ', Labels.Select(l => '"' + l + '"'))}";
}

/// <summary>
/// Reads the structure of Terraform (HCL 2) files without Terraform or its providers: blocks, labels, and each
/// attribute's expression as text. Enough for rules such as "every log group sets retention_in_days"; not an
/// evaluator. Used where the providers are missing (azurerm, google) and for rules over every module.
/// </summary>
internal static class Hcl
{
    public static IReadOnlyList<HclBlock> ParseFile(string path) => Parse(File.ReadAllText(path), Repo.Relative(path));

    /// <summary>All blocks of every .tf file under a folder.</summary>
    public static IReadOnlyList<HclBlock> ParseFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.tf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(ParseFile).ToList();

    public static IReadOnlyList<HclBlock> Parse(string text, string file)
    {
        var reader = new Reader(text, file);
        var body = reader.Body(topLevel: true);
        return body.Blocks;
    }

    private sealed class Reader(string text, string file)
    {
        private int _at;

        public (Dictionary<string, string> Attributes, List<HclBlock> Blocks) Body(bool topLevel)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var blocks = new List<HclBlock>();
            while (true)
            {
                SkipSpaceAndComments(newlines: true);
                if (_at >= text.Length)
                {
                    if (!topLevel) throw Error("unexpected end of file inside a block");
                    return (attributes, blocks);
                }
                if (text[_at] == '}')
                {
                    if (topLevel) throw Error("unexpected '}'");
                    _at++;
                    return (attributes, blocks);
                }

                var identifier = Identifier();
                SkipSpaceAndComments(newlines: false);
                if (_at < text.Length && text[_at] == '=' && (_at + 1 >= text.Length || text[_at + 1] != '='))
                {
                    _at++;
                    var expression = Expression().Trim();
                    if (expression.Length == 0) throw Error($"attribute {identifier} has no value");
                    if (!attributes.TryAdd(identifier, expression)) throw Error($"attribute {identifier} is set twice");
                    continue;
                }

                var labels = new List<string>();
                while (true)
                {
                    SkipSpaceAndComments(newlines: false);
                    if (_at >= text.Length) throw Error($"block {identifier} has no body");
                    if (text[_at] == '{') { _at++; break; }
                    if (text[_at] == '"') labels.Add(Unquote(StringLiteral()));
                    else labels.Add(Identifier());
                }
                var (childAttributes, childBlocks) = Body(topLevel: false);
                blocks.Add(new HclBlock(identifier, labels, childAttributes, childBlocks, file));
            }
        }

        private string Identifier()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-')) _at++;
            if (_at == start) throw Error($"expected a name, found '{text[_at]}'");
            return text[start.._at];
        }

        /// <summary>An attribute's expression: up to the end of the line outside brackets, strings and heredocs.</summary>
        private string Expression()
        {
            var start = _at;
            var depth = 0;
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '"') { StringLiteral(); continue; }
                if (c == '<' && Peek("<<") && HeredocAhead()) { Heredoc(); continue; }
                if (depth == 0 && (c == '#' || Peek("//")))
                {
                    var value = text[start.._at]; // a trailing comment is not part of the value
                    SkipComment();
                    return value;
                }
                if (c == '#' || Peek("//") || Peek("/*")) { SkipComment(); continue; }
                if (c is '(' or '[' or '{') depth++;
                else if (c is ')' or ']' or '}')
                {
                    if (depth == 0) break; // the end of the enclosing block, on the same line
                    depth--;
                }
                else if (c == '\n' && depth == 0) break;
                _at++;
            }
            if (depth != 0) throw Error("unbalanced brackets in an expression");
            return text[start.._at];
        }

        private string StringLiteral()
        {
            var start = _at;
            _at++; // opening quote
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '\\') { _at += 2; continue; }
                if (c == '"') { _at++; return text[start.._at]; }
                if ((c == '$' || c == '%') && Peek(c + "{")) { _at += 2; Template(); continue; }
                if (c == '\n') throw Error("newline inside a string");
                _at++;
            }
            throw Error("unterminated string");
        }

        private void Template()
        {
            var depth = 1;
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '"') { StringLiteral(); continue; }
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) { _at++; return; }
                _at++;
            }
            throw Error("unterminated ${…}");
        }

        private bool HeredocAhead()
        {
            var i = _at + 2;
            if (i < text.Length && text[i] == '-') i++;
            return i < text.Length && (char.IsLetter(text[i]) || text[i] == '_');
        }

        private void Heredoc()
        {
            _at += 2;
            if (text[_at] == '-') _at++;
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            var marker = text[start.._at];
            var lineEnd = text.IndexOf('\n', _at);
            if (lineEnd < 0) throw Error("unterminated heredoc");
            _at = lineEnd + 1;
            while (_at < text.Length)
            {
                var end = text.IndexOf('\n', _at);
                var line = end < 0 ? text[_at..] : text[_at..end];
                if (line.Trim() == marker) { _at = end < 0 ? text.Length : end; return; }
                _at = end < 0 ? text.Length : end + 1;
            }
            throw Error($"heredoc {marker} is not closed");
        }

        private void SkipSpaceAndComments(bool newlines)
        {
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '#' || Peek("//") || Peek("/*")) { SkipComment(); continue; }
                if (c == '\n' && !newlines) return;
                if (!char.IsWhiteSpace(c)) return;
                _at++;
            }
        }

        private void SkipComment()
        {
            if (Peek("/*"))
            {
                var end = text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("unterminated comment");
                _at = end + 2;
                return;
            }
            while (_at < text.Length && text[_at] != '\n') _at++;
        }

        private bool Peek(string s) => string.CompareOrdinal(text, _at, s, 0, s.Length) == 0;

        private FormatException Error(string message)
        {
            var line = text.Take(Math.Min(_at, text.Length)).Count(c => c == '\n') + 1;
            return new FormatException($"{file}:{line}: {message}");
        }
    }

    /// <summary>The text of a simple string expression ("abc" → abc); null when the expression is not a plain string.</summary>
    public static string? StringValue(string? expression)
    {
        if (expression is null) return null;
        var e = expression.Trim();
        return e.Length >= 2 && e[0] == '"' && e[^1] == '"' && !e[1..^1].Contains('"', StringComparison.Ordinal) ? Unquote(e) : null;
    }

    private static string Unquote(string literal)
    {
        var inner = literal[1..^1];
        var result = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
                result.Append(inner[i] switch { 'n' => '\n', 't' => '\t', _ => inner[i] });
            }
            else result.Append(inner[i]);
        }
        return result.ToString();
    }
}
