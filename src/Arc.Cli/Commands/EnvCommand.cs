using System.CommandLine;
using Arc.Platform;
using Arc.Platform.Composition;
using Arc.Platform.Connections;
using Arc.Platform.Kubernetes;
using Arc.Platform.Lifecycle;
using Arc.Cli.Rendering;

namespace Arc.Cli.Commands;

/// <summary>`arc env [TARGET...]`: connection settings of the selected services, for eval, env files or tools.</summary>
internal static class EnvCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var views = DriverCatalog.NetworkViews(DriverCatalog.All);
        var network = new ChoiceOption<ViewChoice>("--network", NetworkView.HelpOf(views),
            [.. views.Select(v => (v.Name, new ViewChoice(v)))], NetworkView.Host.Name, word => NetworkView.RefusalOf(word, views));
        var ns = new Option<string?>("--namespace")
        {
            Description = $"With --network kubernetes: the namespace install.sh installed into (default {KubernetesNamespace.Default})",
            HelpName = "NS",
        };
        var format = new ChoiceOption<EnvFormatKind>("--format",
            "shell (for eval \"$(arc env)\"), dotenv (KEY=value) or json (--json implies it)",
            [("shell", EnvFormatKind.Shell), ("dotenv", EnvFormatKind.Dotenv), ("json", EnvFormatKind.Json)], "shell",
            word => $"--format {word}: must be shell, dotenv or json");
        var command = new Command("env", "Connection settings: generic (<TECH>_URL ...), .NET (ConnectionStrings__*) and each consumer's own names")
        {
            targets, driver, network, format, ns,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(ns) is { Implicit: false } && result.GetValue(network) != KubernetesConnections.View.Name)
                result.AddError("--namespace applies only with --network kubernetes");
        });
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var kind = run.Context.Json ? EnvFormatKind.Json : format.ValueIn(parse);
            var view = network.ValueIn(parse).View;
            var settings = view == KubernetesConnections.View
                ? await KubernetesAsync(run, KubernetesNamespace.Checked(parse.GetValue(ns) ?? KubernetesNamespace.Default))
                : await HostAsync(run, view, cancellationToken);
            await run.Context.Out.WriteAsync(EnvFormat.Render(settings, kind));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A view as a choice's value (the option's values are structs).</summary>
    private readonly record struct ViewChoice(NetworkView View);

    private static async Task<EnvSettings> HostAsync(LifecycleInvocation run, NetworkView view, CancellationToken cancellationToken)
    {
        await using var technologies = run.Context.Services.CreateTechnologies();
        return await ConnectionSettings.ForAsync(run.Lifecycle, run.Registry, run.Selection, run.Driver, view, technologies.ConsumerSections, cancellationToken);
    }

    private static async Task<EnvSettings> KubernetesAsync(LifecycleInvocation run, string ns)
    {
        await using var technologies = run.Context.Services.CreateTechnologies();
        return KubernetesConnections.For(run.Registry, run.Selection, technologies, ns);
    }
}
