using System.CommandLine;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Registry;

namespace Arc.Cli.Commands;

/// <summary>`arc profiles`: profiles.yaml with each profile's resolved service list.</summary>
internal static class ProfilesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("profiles", "List the profiles of services/profiles.yaml and the services each resolves to");
        CommandRunner.Bind(command, globals, (context, _, _) =>
        {
            var registry = context.LoadRegistry();
            var profiles = registry.Profiles
                .Select(p => new ProfileJson(p.Name, p.Description, registry.ProfileMembers(p.Name), p.Includes, registry.AbsentMembers(p.Name)))
                .ToList();
            if (context.Json)
                context.Out.WriteLine(JsonSerializer.Serialize(new ProfilesDocument(profiles), ArcJsonContext.Default.ProfilesDocument));
            else
            {
                var table = new TextTable("PROFILE", "SERVICES", "ABSENT", "DESCRIPTION");
                foreach (var p in profiles)
                    table.Add(p.Name, string.Join(",", p.Services), p.Absent.Count == 0 ? "-" : string.Join(",", p.Absent), p.Description);
                table.WriteTo(context.Out);
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}

internal sealed record ProfilesDocument(IReadOnlyList<ProfileJson> Profiles);

/// <summary><see cref="Absent"/>: members not in this repository (such as cortex), which arc reports but cannot start.</summary>
internal sealed record ProfileJson(string Name, string Description, IReadOnlyList<string> Services, IReadOnlyList<string> Include, IReadOnlyList<string> Absent);
