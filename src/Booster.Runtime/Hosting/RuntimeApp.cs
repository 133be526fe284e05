using Booster.Contract;
using Booster.Runtime.Capacity;
using Booster.Runtime.Configuration;
using Booster.Runtime.DataImports;
using Booster.Runtime.Execution;
using Booster.Runtime.Http;
using Booster.Runtime.Modules;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Observability;
using Prometheus;

namespace Booster.Runtime.Hosting;

/// <summary>Builds the runtime's web application from parsed settings: services, then routes.</summary>
internal static partial class RuntimeApp
{
    public static WebApplication Build(RuntimeSettings settings, IReadOnlyList<string>? warnings = null, TracingOptions? tracing = null,
        DataImportSettings? dataImportSettings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Listen);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
            kestrel.Limits.MaxRequestBufferSize = RequestBody.WaitingBufferBytes;
        });
        // The socket transport buffers a connection's unread bytes too (1 MiB by default): the
        // same bound there is what keeps a waiting request's body in the client and the kernel.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(sockets =>
            sockets.MaxReadBufferSize = RequestBody.WaitingBufferBytes);
        builder.Logging.ClearProviders().AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // This category being enabled at all makes Kestrel start an Activity and a logging
        // scope for every request; nothing is logged there at Warning, so switch it off.
        // (When tracing is on, the OpenTelemetry listener still gets its server spans.)
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // Time for the drain delay and for every run in flight or waiting to finish; only
        // past it does Kestrel reset the connections still open.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownBudget.For(settings));

        var metricsRegistry = Metrics.NewCustomRegistry();
        var dataImports = new DataImportHost(dataImportSettings ?? DataImportSettings.Disabled, settings.TimeoutMs, metricsRegistry);
        var engine = new WasmEngine(settings.Memory, settings.MaxMemoryBytes, WarmRegions.For(settings.PoolMax),
            settings.MaxTableElements, dataImports.Define, CompilerModes.Effective(settings.Compiler, System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture));
        var poolSize = StartupCapacity.Apply(engine, settings);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddTracing(tracing ?? new TracingOptions(TraceExporter.None, TracingOptions.DefaultServiceName));
        services.AddSingleton(_ => dataImports); // factory registrations: the container disposes them
        services.AddSingleton(_ => engine);
        services.AddSingleton(new ModuleStore(settings.DefaultModule));
        services.AddSingleton<FirstScan>();
        services.AddSingleton(sp => new ModuleValidator(sp.GetRequiredService<WasmEngine>(), settings.MaxMemoryBytes, TimeSpan.FromMilliseconds(settings.TimeoutMs)));
        services.AddSingleton(sp => new CompiledCodeCache(settings.CachePath, settings.CacheMaxBytes,
            sp.GetRequiredService<RuntimeMetrics>(), sp.GetRequiredService<ILogger<CompiledCodeCache>>()));
        services.AddSingleton<CompiledModules>();
        services.AddSingleton<ModuleWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ModuleWatcher>());
        services.AddSingleton(poolSize);
        services.AddSingleton(new ExecutionGate(poolSize.Effective, settings.QueueMax, TimeSpan.FromMilliseconds(settings.QueueTimeoutMs)));
        services.AddSingleton(sp => new RuntimeMetrics(sp.GetRequiredService<ExecutionGate>(), settings.PoolMax, settings.QueueMax, metricsRegistry));
        services.AddSingleton<WasiExecutor>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddSingleton(new ModuleProfiles(settings, dataImports.Grants, ModuleSettingsSource.Resolve(settings), metricsRegistry));
        services.AddSingleton<ModuleSettingsWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ModuleSettingsWatcher>());
        services.AddSingleton(new RequeuedBodies((long)settings.QueueMax * RequestBody.WaitingBufferBytes));
        services.AddSingleton<RunHandler>();
        services.AddSingleton(sp => EffectiveConfiguration.Describe(settings, sp.GetRequiredService<WasmEngine>(), poolSize.Headroom.MaxMapCount));

        var app = builder.Build();
        // Before anything is served: a settings file that does not validate stops the start (ModuleSettingsRefusedException).
        try
        {
            app.Services.GetRequiredService<ModuleSettingsWatcher>().LoadAtStart();
        }
        catch (ModuleSettingsRefusedException)
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        app.UseTraceId();
        app.UseReconnectWhileDraining();
        app.UseJsonErrors();
        app.MapHealthEndpoints();
        // Runs and introspection follow BOOSTER_AUTH_TOKEN; probes and /metrics stay open.
        app.MapGroup("").RequireBearerToken(settings.AuthToken)
            .MapRunEndpoints()
            .MapModuleEndpoints()
            .MapInfoEndpoints();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<RuntimeMetrics>().Registry);

        dataImports.UseLogging(app.Services.GetRequiredService<ILoggerFactory>());
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Lifetime.ApplicationStopping.Register(readiness.BeginDraining);
        ReportStart(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Booster.Runtime"),
            app.Services.GetRequiredService<EffectiveConfiguration>(), poolSize, warnings ?? []);
        return app;
    }

    private static void ReportStart(ILogger logger, EffectiveConfiguration config, PoolSize poolSize, IReadOnlyList<string> warnings)
    {
        LogEffectiveConfiguration(logger, config.ToLogLine());
        if (poolSize.IsLimited) LogAdmissionLimited(logger, poolSize.Describe());
        else LogAdmission(logger, poolSize.Describe());
        foreach (var warning in warnings) LogConfigurationWarning(logger, warning);
        if (config.VmMaxMapCount is { } maps && maps < SystemLimits.RecommendedMaxMapCount)
            LogLowMaxMapCount(logger, maps, SystemLimits.RecommendedMaxMapCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Booster runtime starting: {Configuration}")]
    private static partial void LogEffectiveConfiguration(ILogger logger, string configuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission: {Admission}")]
    private static partial void LogAdmission(ILogger logger, string admission);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission: {Admission}")]
    private static partial void LogAdmissionLimited(ILogger logger, string admission);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "vm.max_map_count is {Current}, below the recommended {Recommended}: under heavy concurrency Wasmtime can fail with " +
        "'Cannot allocate memory (os error 12)'. Raise it (sysctl -w vm.max_map_count=262144) or keep BOOSTER_POOL_MAX low")]
    private static partial void LogLowMaxMapCount(ILogger logger, long current, long recommended);
}
