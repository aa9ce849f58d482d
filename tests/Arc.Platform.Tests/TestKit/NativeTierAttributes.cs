using Xunit.Sdk;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A test of the native tier: real servers on free ports; skipped with the reason when they are not installed.</summary>
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
public sealed class NativeFactAttribute : SkippableFactAttribute, ITierAttribute
{
    public NativeFactAttribute() => Skip = NativeTier.MissingPrerequisite;

    public string Tier => "native";
}

/// <inheritdoc cref="NativeFactAttribute"/>
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
public sealed class NativeTheoryAttribute : SkippableTheoryAttribute, ITierAttribute
{
    public NativeTheoryAttribute() => Skip = NativeTier.MissingPrerequisite;

    public string Tier => "native";
}

/// <summary>A test of the reliability tier (kill -9, bad state, concurrency) over the native servers; skipped like <see cref="NativeFactAttribute"/>.</summary>
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
public sealed class ReliabilityFactAttribute : SkippableFactAttribute, ITierAttribute
{
    public ReliabilityFactAttribute() => Skip = NativeTier.MissingPrerequisite;

    public string Tier => "reliability";
}

/// <inheritdoc cref="ReliabilityFactAttribute"/>
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
public sealed class ReliabilityTheoryAttribute : SkippableTheoryAttribute, ITierAttribute
{
    public ReliabilityTheoryAttribute() => Skip = NativeTier.MissingPrerequisite;

    public string Tier => "reliability";
}
