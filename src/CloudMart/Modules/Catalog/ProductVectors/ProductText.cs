using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CloudMart.Modules.Catalog.Data;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>What the catalog embeds for a product, and the fingerprint that says whether it must embed it again.</summary>
internal static class ProductText
{
    /// <summary>Name first: small models weigh the start of a text most, and MiniLM reads only its first 256 tokens.</summary>
    public static string Of(string name, string categoryName, IReadOnlyDictionary<string, string> attributes, string description)
    {
        var text = new StringBuilder(name.Length + description.Length + 64).Append(name).Append(". ").Append(categoryName).Append('.');
        foreach (var (key, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append(' ').Append(key).Append(": ").Append(value).Append('.');
        }
        return text.Append(' ').Append(description).ToString();
    }

    /// <summary>SHA-256 of the model and the text: a changed model re-embeds everything, an unchanged text nothing.</summary>
    public static string Hash(string model, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + text)));

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToFloats(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
