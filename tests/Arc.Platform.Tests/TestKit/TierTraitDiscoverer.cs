using Xunit.Abstractions;
using Xunit.Sdk;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A test attribute that names the tier its test belongs to.</summary>
public interface ITierAttribute : ITraitAttribute
{
    string Tier { get; }
}

/// <summary>
/// Turns a tier attribute into the <c>Tier</c> trait, so <c>--filter Tier=native</c> (scripts/run-tests.sh,
/// .ci/run) selects a <see cref="NativeFactAttribute"/> test as it selects a <c>[Trait("Tier", "native")]</c> one.
/// </summary>
public sealed class TierTraitDiscoverer : ITraitDiscoverer
{
    public const string TypeName = "Arc.Platform.Tests.TestKit.TierTraitDiscoverer";
    public const string AssemblyName = "Arc.Platform.Tests";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new("Tier", traitAttribute.GetNamedArgument<string>(nameof(ITierAttribute.Tier)))];
}
