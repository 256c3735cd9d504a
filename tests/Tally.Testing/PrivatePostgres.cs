using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Tally.Testing;

/// <summary>
/// A PostgreSQL 15 cluster of one test's own, in a temporary folder on a free port, so the test may restart or stop it
/// without disturbing the shared one. Run as the postgres user, as scripts/test-services.sh does (it refuses root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder;
    private readonly string _data;

    private PrivatePostgres(TempFolder folder, int port)
    {
        _folder = folder;
        _data = Path.Combine(folder.Path, "pg");
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=tally;Database=tally";
    }

    /// <summary>
    /// Where the server writes, rather than into pg_ctl's own output: a server holding that open would keep a reader
    /// waiting for its end.
    /// </summary>
    private string LogFile => Path.Combine(_data, "server.log");

    /// <summary>The <c>tally</c> database on this cluster.</summary>
    public string ConnectionString { get; }

    /// <summary>What a ledger on the <c>tally</c> database stored.</summary>
    public ILedgerProbe Ledger => new PostgresLedgerProbe(ConnectionString);

    public static async Task<PrivatePostgres> StartAsync()
    {
        var postgres = new PrivatePostgres(new TempFolder(), FreePort.Next());
        try
        {
            // The postgres user must reach its data folder inside this one.
            await RunAsync("chmod", "755", postgres._folder.Path);
            Directory.CreateDirectory(postgres._data);
            await RunAsync("chown", "postgres:postgres", postgres._data);
            await AsPostgresAsync("initdb", "-D", postgres._data, "-U", "tally", "--auth=trust", "-E", "UTF8");
            var port = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port;
            await AsPostgresAsync("pg_ctl", "-D", postgres._data, "-l", postgres.LogFile, "-w", "-t", "60",
                "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={postgres._data}", "start");
            var admin = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE tally", connection);
            await create.ExecuteNonQueryAsync();
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl restart -m <paramref name="mode"/></c> (fast: sessions are told to end; immediate: a crash and recovery); returns once it accepts connections again.</summary>
    public Task RestartAsync(string mode) =>
        AsPostgresAsync("pg_ctl", "-D", _data, "-l", LogFile, "-m", mode, "-w", "-t", "60", "restart");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            await AsPostgresAsync("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        _folder.Dispose();
    }

    private static Task AsPostgresAsync(string program, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            lock (errors)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}");
            }
        }
    }
}
