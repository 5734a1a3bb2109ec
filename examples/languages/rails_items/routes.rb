# config/routes.rb. Only syntax-checked (`ruby -c`).
# --8<-- [start:routes]
Rails.application.routes.draw do
  get "health" => "rails/health#show" # Rails' built-in health check controller
  resources :items, only: [:show]     # GET /items/:id -> ItemsController#show
end
# --8<-- [end:routes]
