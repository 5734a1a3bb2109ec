# config/routes.rb. Only syntax-checked (`ruby -c`).
# --8<-- [start:routes]
Rails.application.routes.draw do
  # Rails' built-in check: 200 (an HTML page) if the app booted, 500 if booting raised. It does not touch
  # the database, so it suits a liveness probe, not a readiness probe.
  get "up" => "rails/health#show", as: :rails_health_check
  # The chapter's contract wants JSON at /health; a Rack lambda answers without a controller.
  get "health", to: ->(_env) { [200, { "content-type" => "application/json" }, ['{"status":"ok"}']] }
  resources :items, only: [:show] # GET /items/:id -> ItemsController#show
end
# --8<-- [end:routes]
