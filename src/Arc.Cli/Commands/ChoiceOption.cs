using System.CommandLine;

namespace Arc.Cli.Commands;

/// <summary>
/// An option that takes one word of a fixed set (`--driver auto|native|docker`): the parser refuses
/// any other word with <paramref name="refusal"/>'s line, help lists the words and the default as
/// typed, and <see cref="ValueIn"/> maps the word to its value. It parses as a string: an option
/// over each enum would copy System.CommandLine's generic code per type into the native binary,
/// which every start of arc pages in (measured: `arc --version` 8% slower).
/// </summary>
internal sealed class ChoiceOption<T> : Option<string> where T : struct
{
    private readonly (string Word, T Value)[] _choices;

    public ChoiceOption(string name, string description, (string Word, T Value)[] choices, string defaultWord, Func<string, string> refusal)
        : base(name)
    {
        _choices = choices;
        Description = description;
        HelpName = string.Join('|', Array.ConvertAll(choices, c => c.Word));
        DefaultValueFactory = _ => defaultWord;
        Validators.Add(result =>
        {
            var word = result.Tokens.Count > 0 ? result.Tokens[^1].Value : defaultWord;
            if (Find(word) is null)
                result.AddError(refusal(word));
        });
    }

    /// <summary>The chosen value; the default's when the option was not given.</summary>
    public T ValueIn(ParseResult parse) =>
        Find(parse.GetValue(this) ?? "") ?? throw new InvalidOperationException($"{Name}: the parser let an unknown word through");

    private T? Find(string word)
    {
        foreach (var (choice, value) in _choices)
            if (choice == word)
                return value;
        return null;
    }
}
