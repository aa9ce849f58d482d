namespace Arc.Platform.Verify.Rules; internal static class RuleCatalog { public static IReadOnlyList<IRule> All { get; } = []; }
