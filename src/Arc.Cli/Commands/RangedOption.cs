using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Arc.Cli.Commands;

/// <summary>
/// A numeric option with its range (`--clients 1..1024`, `--duration` above 0 up to 3600 s): the parser
/// refuses a word that is not such a number (letters, an exponent, NaN, infinity, a fraction where a whole
/// number is meant, a value that overflows the type, one outside the range) with exit 2 and a line naming
/// the option and the range. It parses the word itself, as <see cref="ChoiceOption{T}"/> does: System.CommandLine's
/// own conversion throws from a validator on a word it cannot convert, which reached users as a stack trace.
/// </summary>
internal sealed class RangedOption<T> : Option<string> where T : struct, INumber<T>
{
    // Whole numbers only for integer types: no sign other than '-', no spaces, separators or exponent.
    private const NumberStyles WholeStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private readonly T _min;
    private readonly T _max;
    private readonly bool _aboveMin;
    private readonly T? _default;

    /// <param name="unit">What one unit is ("seconds", "bytes"), or null for a plain count.</param>
    /// <param name="aboveMin">The range excludes <paramref name="min"/> itself (a duration must be above 0).</param>
    public RangedOption(string name, string description, string helpName, T min, T max, T? defaultValue = null, string? unit = null, bool aboveMin = false)
        : base(name)
    {
        _min = min;
        _max = max;
        _aboveMin = aboveMin;
        _default = defaultValue;
        Description = description;
        HelpName = helpName;
        Range = Describe(unit);
        if (defaultValue is { } value)
            DefaultValueFactory = _ => Format(value);
        Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && Read(result.Tokens[^1].Value) is null)
                result.AddError($"{Name} {result.Tokens[^1].Value}: {Range}");
        });
    }

    /// <summary>The range in words, as a refusal states it: "expected a whole number from 1 to 1024".</summary>
    public string Range { get; }

    /// <summary>The given value, else the default (null when the option has none and was not given).</summary>
    public T? ValueIn(ParseResult parse)
    {
        if (parse.GetResult(this) is not { Implicit: false, Tokens.Count: > 0 } given)
            return _default;
        return Read(given.Tokens[^1].Value) ?? throw new InvalidOperationException($"{Name}: the parser let an out-of-range value through");
    }

    /// <summary>The value a word stands for, or null when it is not a number in the range.</summary>
    public T? Read(string word)
    {
        if (!T.TryParse(word, IsWhole ? WholeStyle : DecimalStyle, CultureInfo.InvariantCulture, out var value) || !T.IsFinite(value))
            return null;
        var aboveLow = _aboveMin ? value > _min : value >= _min;
        return aboveLow && value <= _max ? value : null;
    }

    // An integer type truncates one half to zero; a floating-point type keeps it.
    private static bool IsWhole => T.CreateTruncating(0.5) == T.Zero;

    private string Describe(string? unit)
    {
        var kind = IsWhole ? "a whole number" : "a number";
        var of = unit is null ? "" : $" of {unit}";
        return _aboveMin
            ? $"expected {kind}{of} above {Format(_min)} and at most {Format(_max)}"
            : $"expected {kind}{of} from {Format(_min)} to {Format(_max)}";
    }

    private static string Format(T value) => value.ToString(null, CultureInfo.InvariantCulture);
}
