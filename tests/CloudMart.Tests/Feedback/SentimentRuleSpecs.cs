using CloudMart.Modules.Feedback.Sentiment;

namespace CloudMart.Tests.Feedback;

/// <summary>The rules that weigh each word of a sentence, shown with a lexicon of our own making.</summary>
public sealed class SentimentRuleSpecs
{
    private static readonly Dictionary<string, double> Lexicon = new(StringComparer.Ordinal)
    {
        ["good"] = 1.0, ["great"] = 1.5, ["awful"] = -1.5, ["slow"] = -1.0, ["battery"] = 0,
    };

    private static double Weight(string sentence, string word) => Assert.Single(SentimentRules.Weigh(sentence), w => w.Word == word).Weight;

    private static double Score(string sentence) => SentimentRules.Features(sentence, Lexicon)[0];

    [Fact]
    public void A_negation_shortly_before_a_word_flips_and_damps_it()
    {
        Assert.Equal(1.0, Weight("The battery is good", "good"));
        Assert.Equal(SentimentRules.NegationFactor, Weight("The battery is not good", "good"));
        Assert.Equal(SentimentRules.NegationFactor, Weight("The battery isn't good", "good"));
        Assert.Equal(SentimentRules.NegationFactor, Weight("It was never good", "good"));
        Assert.True(Score("The battery is good") > 0);
        Assert.True(Score("The battery is not good") < 0);
        Assert.True(Score("Not slow at all") > 0);
    }

    [Fact]
    public void A_negation_reaches_three_words_and_stops_at_a_clause_break()
    {
        Assert.Equal(1.0, Weight("Not what I expected from a phone, good anyway", "good"));
        Assert.Equal(1.0, Weight("No, it is good", "good"));
        Assert.Equal(1.0, Weight("Never did I think it would be good", "good"));
    }

    [Fact]
    public void After_but_the_second_clause_outweighs_the_first()
    {
        Assert.Equal(SentimentRules.BeforeContrast, Weight("The screen is great but the battery is awful", "great"));
        Assert.Equal(SentimentRules.AfterContrast, Weight("The screen is great but the battery is awful", "awful"));
        Assert.True(Score("The screen is great but the battery is awful") < 0);
        Assert.True(Score("The battery is awful but the screen is great") > 0);
        var features = SentimentRules.Features("The screen is great but the battery is awful", Lexicon);
        Assert.Equal(1, features[6]); // contrast present
        Assert.True(features[3] < 0, "the clause after the contrast is scored on its own");
    }

    [Fact]
    public void Intensifiers_strengthen_and_softeners_weaken_the_next_words()
    {
        Assert.Equal(1 + SentimentRules.IntensifierBoost, Weight("really good", "good"), 6);
        Assert.Equal(1 - SentimentRules.SoftenerCut, Weight("a bit slow", "slow"), 6);
        Assert.Equal(1 + (SentimentRules.IntensifierBoost * 0.8), Weight("very very. so really good", "good") / (1 + SentimentRules.IntensifierBoost), 6);
        Assert.True(Score("It is extremely good") > Score("It is good"));
        Assert.True(Score("It is slightly slow") > Score("It is slow"));
        Assert.True(Score("It is not very good") < 0);
    }

    [Fact]
    public void Capitals_and_exclamation_marks_add_emphasis_but_a_shouted_sentence_is_not_all_stress()
    {
        Assert.Equal(1 + SentimentRules.CapitalsBoost, Weight("This phone is GREAT", "great"));
        Assert.Equal(1.0, Weight("THIS PHONE IS GREAT", "great"));
        Assert.True(Score("It is good!!!") > Score("It is good"));
        Assert.True(Score("It is awful!!") < Score("It is awful"));
        Assert.Equal(0.0, Score("The battery!!!"));
        var features = SentimentRules.Features("Is it good?? :)", Lexicon);
        Assert.Equal(1, features[8]);
        Assert.Equal(1, features[10]);
    }

    [Fact]
    public void Modifier_words_carry_no_polarity_of_their_own()
    {
        Assert.Equal(["battery", "good"], SentimentRules.Weigh("The battery is not very good but").Where(w => Lexicon.ContainsKey(w.Word)).Select(w => w.Word));
        Assert.DoesNotContain(SentimentRules.Weigh("not very good, but slightly"), w => w.Word is "not" or "very" or "but" or "slightly");
    }

    [Fact]
    public void Text_splits_into_sentences_with_their_offsets()
    {
        const string text = "Great phone. Battery died after 3.5 hours!! Would not buy again?\nThanks";
        var spans = SentenceSplitter.Split(text);
        Assert.Equal(["Great phone.", "Battery died after 3.5 hours!!", "Would not buy again?", "Thanks"], spans.Select(s => text.Substring(s.Offset, s.Length)));
        Assert.Empty(SentenceSplitter.Split("  !!! "));
    }
}
