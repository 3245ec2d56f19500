using CloudMart.Modules.Catalog;
using CloudMart.Platform.Http;

namespace CloudMart.Tests.Rules;

public sealed class TextInput
{
    [Theory]
    [InlineData("Enamelled Cast-Iron Casserole, 4.5 L")]
    [InlineData("Men's shoes & socks (2-pack)")]
    [InlineData("Crème brûlée set: 6 ramekins")]
    [InlineData("Select the best: a guide")]
    [InlineData("A drop-leaf table from our oak range")]
    [InlineData("100% cotton; machine washable")]
    [InlineData("Kaffeebecher 😀")]
    [InlineData("Time to select gifts for friends and family. From cuddly puppies to mugs")]
    [InlineData("Note:----- hand wash only")]
    public void Ordinary_shop_text_is_accepted(string text) => Assert.Null(TextRules.Problem(text));

    /// <summary>ADR 6: parameters and output encoding make such text harmless, so it is data, stored verbatim.</summary>
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("x'; DROP TABLE catalog_products; --")]
    [InlineData("' OR '1'='1")]
    [InlineData("1 UNION SELECT password FROM users")]
    [InlineData("Fish &amp; Chips")]
    public void Text_that_looks_like_markup_or_sql_is_accepted(string text) => Assert.Null(TextRules.Problem(text));

    [Theory]
    [InlineData("name\u0001")]
    [InlineData("nul\u0000")]
    [InlineData("line\nbreak")]
    [InlineData("\ud800 lone surrogate")]
    [InlineData("trailing lone surrogate \udc00")]
    [InlineData("right-to-left \u202E override")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("replacement \uFFFD mark")]
    public void Control_characters_and_invalid_or_invisible_text_are_refused(string text) => Assert.NotNull(TextRules.Problem(text));

    [Fact]
    public void Descriptions_may_span_lines()
    {
        Assert.Null(TextRules.Problem("First line.\nSecond line.", multiline: true));
    }

    [Theory]
    [InlineData("Enamelled Cast-Iron Casserole, 4.5 L", "enamelled-cast-iron-casserole-4-5-l")]
    [InlineData("Crème Brûlée Set", "creme-brulee-set")]
    [InlineData("  --Odd__Name!!  ", "odd-name")]
    public void Slugs_are_lowercase_words_joined_by_hyphens(string name, string slug) => Assert.Equal(slug, Slugs.From(name));
}
