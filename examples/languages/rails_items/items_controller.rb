# app/controllers/items_controller.rb in a Rails 8 API application. Only syntax-checked (`ruby -c`):
# Rails is not installed on the test machine. Generated with `bin/rails generate controller Items show`.
# --8<-- [start:controller]
class ItemsController < ApplicationController
  # Any ActiveRecord::RecordNotFound raised in this controller becomes an RFC 9457 problem document.
  rescue_from ActiveRecord::RecordNotFound do
    render status: :not_found, content_type: "application/problem+json", json: {
      type: "about:blank", title: "Not Found", status: 404, detail: "No item with id #{params[:id]}"
    }
  end

  # GET /items/:id. Convention: the route, the action name and the Item model line up by name alone.
  def show
    item = Item.find(params[:id]) # SELECT "items".* FROM "items" WHERE "items"."id" = $1 LIMIT $2
    render json: item.slice(:id, :name, :price_cents)
  end
end
# --8<-- [end:controller]
