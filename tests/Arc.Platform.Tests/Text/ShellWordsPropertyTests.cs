using Arc.Platform.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Text;

/// <summary>Command lines (compose <c>command:</c> strings, Dockerfile arguments): splitting is total and inverts quoting.</summary>
[Trait("Tier", "unit")]
public sealed class ShellWordsPropertyTests
{
    private static readonly char[] Alphabet = ['a', 'Z', '0', '-', '=', ':', '/', ' ', '\t', '\n', '"', '\'', '\\', '$', '{', '}', '&', '|', ';', 'é', '\u0000'];

    private static Gen<string> Text(int maxLength) =>
        Gen.ArrayOf(Gen.Elements(Alphabet)).Select(chars => new string(chars.Take(maxLength).ToArray()));

    [Fact]
    public void Any_text_splits_into_words_without_whitespace_outside_quotes()
    {
        Prop.ForAll(Text(200).ToArbitrary(), text =>
        {
            var words = ShellWords.Split(text);
            return words.All(w => w is not null) && (text.Trim().Length > 0 || words.Count == 0);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Yaml.InputPropertyTests.Cases).WithQuietOnSuccess(true));
    }

    [Fact]
    public void Double_quoting_each_word_and_splitting_gives_the_words_back()
    {
        Prop.ForAll(Gen.NonEmptyListOf(Text(20)).ToArbitrary(), words =>
        {
            var line = string.Join(' ', words.Select(Quote));
            return ShellWords.Split(line).SequenceEqual(words);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Yaml.InputPropertyTests.Cases).WithQuietOnSuccess(true));
    }

    private static string Quote(string word) => "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
