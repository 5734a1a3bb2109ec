// The items endpoint as a NestJS 11 controller. Shown for comparison; not compiled by this repository's
// tests because @nestjs/common is not installed here.
// --8<-- [start:nest]
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from "@nestjs/common";
import { ItemsService } from "./items.service";

@Controller("items")
export class ItemsController {
  constructor(private readonly items: ItemsService) {} // injected by Nest's DI container

  @Get(":id")
  async findOne(@Param("id", ParseIntPipe) id: number) {
    const item = await this.items.find(id);
    if (!item) throw new NotFoundException(`No item with id ${id}`);
    return item; // serialised to JSON by the framework
  }
}
// --8<-- [end:nest]
