using System.CommandLine;
using System.CommandLine.Parsing;

namespace Arc.Cli.Commands;

/// <summary>
/// An option that takes one word of a fixed set (`--driver auto|native|docker`): the parser refuses
/// any other word with <paramref name="refusal"/>'s line, and help shows the default as it is typed.
/// Absent, <see cref="ValueIn"/> is the default (the option's own value is null, so help prints no
/// enum member's name in place of the word).
/// </summary>
internal sealed class ChoiceOption<T> : Option<T?> where T : struct
{
    private readonly IReadOnlyList<(string Word, T Value)> _choices;
    private readonly T _fallback;
    private readonly Func<string, string> _refusal;

    public ChoiceOption(string name, string description, IReadOnlyList<(string Word, T Value)> choices, T fallback, Func<string, string> refusal)
        : base(name)
    {
        _choices = choices;
        _fallback = fallback;
        _refusal = refusal;
        Description = $"{description} [default: {choices.Single(c => EqualityComparer<T>.Default.Equals(c.Value, fallback)).Word}]";
        HelpName = string.Join('|', choices.Select(c => c.Word));
        CustomParser = Parse;
    }

    /// <summary>The chosen value, or the default when the option was not given.</summary>
    public T ValueIn(ParseResult parse) => parse.GetValue(this) ?? _fallback;

    private T? Parse(ArgumentResult result)
    {
        var word = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        foreach (var (choice, value) in _choices)
            if (choice == word)
                return value;
        result.AddError(_refusal(word));
        return null;
    }
}
